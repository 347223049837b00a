package io.parley.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/** Chatting over IRC, with line-protocol users in the same rooms: messages, joins, parts and quits cross. */
@ParleyTest
class IrcChatTest {

	@Autowired
	IrcGateway irc;

	@Autowired
	LineServer server;

	@Autowired
	AdminHttp http;

	@Test
	void roomAndPrivateMessagesCrossBothWays() throws Exception {
		String room = LineServer.uniqueName("cross");
		try (ChatClient line = this.server.register("liner"); IrcSocket client = this.irc.logIn(this.http.createUser("ircer"))) {
			line.send("/join " + room).expect("OK join " + room);
			join(client, room, line.name());
			line.expect("JOIN " + room + " " + client.nick());

			line.send("hello from the line");
			client.expect(mask(line.name()) + " PRIVMSG #" + room + " :hello from the line");
			client.send("PRIVMSG #" + room + " :hello from irc");
			line.expect("ROOM " + room + " " + client.nick() + " hello from irc");

			line.send("/msg " + client.nick() + " psst");
			client.expect(mask(line.name()) + " PRIVMSG " + client.nick() + " :psst");
			client.send("PRIVMSG " + line.name() + " :psst back");
			line.expect("MSG " + client.nick() + " psst back");

			// a notice is an ordinary message for line users
			client.send("NOTICE #" + room + " :noted").send("NOTICE " + line.name() + " :noted too");
			line.expect("ROOM " + room + " " + client.nick() + " noted");
			line.expect("MSG " + client.nick() + " noted too");
		}
	}

	@Test
	void aPartsReasonReachesTheIrcMembersAndTheLeaverWhileLineUsersSeeALeave() throws Exception {
		String room = LineServer.uniqueName("parts");
		try (ChatClient line = this.server.register("partline");
				IrcSocket watcher = this.irc.logIn(this.http.createUser("partwatch"));
				IrcSocket leaver = this.irc.logIn(this.http.createUser("partleave"))) {
			line.send("/join " + room).expect("OK join " + room);
			join(watcher, room, line.name());
			join(leaver, room, line.name(), watcher.nick());
			watcher.expect(mask(leaver.nick()) + " JOIN #" + room);
			line.expect("JOIN " + room + " " + watcher.nick());
			line.expect("JOIN " + room + " " + leaver.nick());

			leaver.send("PART #" + room + " :bye \u0002everyone\u0002".translateEscapes());
			leaver.expect(mask(leaver.nick()) + " PART #" + room + " :bye everyone");
			watcher.expect(mask(leaver.nick()) + " PART #" + room + " :bye everyone");
			line.expect("LEAVE " + room + " " + leaver.nick());

			join(leaver, room, line.name(), watcher.nick());
			watcher.expect(mask(leaver.nick()) + " JOIN #" + room);
			line.expect("JOIN " + room + " " + leaver.nick());
			leaver.send("PART #" + room + " :");
			leaver.expect(mask(leaver.nick()) + " PART #" + room);
			watcher.expect(mask(leaver.nick()) + " PART #" + room);
			leaver.send("PART #" + room + " :not in it");
			leaver.expectNumeric("442");
		}
	}

	@Test
	void anIrcQuitIsALeaveForLineUsersAndALineQuitIsAnIrcQuit() throws Exception {
		String room = LineServer.uniqueName("quits");
		try (ChatClient line = this.server.register("stayer"); ChatClient leaver = this.server.register("goer");
				IrcSocket watcher = this.irc.logIn(this.http.createUser("watcher"));
				IrcSocket quitter = this.irc.logIn(this.http.createUser("quitter"))) {
			LineServer.joinAll(room, line, leaver);
			join(watcher, room, leaver.name(), line.name());
			join(quitter, room, leaver.name(), line.name(), watcher.nick());
			watcher.expect(mask(quitter.nick()) + " JOIN #" + room);
			line.expect("JOIN " + room + " " + watcher.nick());
			line.expect("JOIN " + room + " " + quitter.nick());
			leaver.expect("JOIN " + room + " " + watcher.nick());
			leaver.expect("JOIN " + room + " " + quitter.nick());

			quitter.send("QUIT :bye now");
			quitter.expectError("Closing Link: " + quitter.nick() + " (bye now)");
			line.expect("LEAVE " + room + " " + quitter.nick());
			leaver.expect("LEAVE " + room + " " + quitter.nick());
			watcher.expect(mask(quitter.nick()) + " QUIT :Quit: bye now");

			leaver.send("/quit").expect("BYE quit");
			watcher.expect(mask(leaver.name()) + " QUIT :Quit: quit");
		}
	}

	@Test
	void formattingCodesAreStrippedAndAnActionBecomesText() throws Exception {
		String room = LineServer.uniqueName("colours");
		try (ChatClient line = this.server.register("plain"); IrcSocket client = this.irc.logIn(this.http.createUser("artist"))) {
			line.send("/join " + room).expect("OK join " + room);
			join(client, room, line.name());
			line.expect("JOIN " + room + " " + client.nick());

			client.send("PRIVMSG #" + room + " :\u0002bold\u0002 \u000304,12red\u0003 \u00033green\u0003, "
					+ "\u000304,text \u0004ff0000hex\u0004 \u001Ditalic\u001D \u001Funder\u001F \u001Estruck\u001E "
					+ "\u0011mono\u0011 \u0016rev\u0016\u000Fend 42");
			line.expect("ROOM " + room + " " + client.nick()
					+ " bold red green, ,text hex italic under struck mono revend 42");
			client.send("PRIVMSG #" + room + " :\u0001ACTION waves \u000304hello\u0001");
			line.expect("ROOM " + room + " " + client.nick() + " * " + client.nick() + " waves hello");
			client.send("PRIVMSG #" + room + " :\u0001VERSION\u0001").send("PRIVMSG #" + room + " :\u000304\u0002");
			client.expect(":parley 412 " + client.nick() + " :No text to send");
			line.send("/ping nothing-relayed").expect("PONG nothing-relayed");
		}
	}

	@Test
	void aLineBroadcastIsANoticeFromTheSenderAndServerTimeTagsIt() throws Exception {
		String room = LineServer.uniqueName("timed");
		try (ChatClient line = this.server.register("crier"); IrcSocket untimed = this.irc.logIn(this.http.createUser("untimed"));
				IrcSocket timed = this.irc.connect()) {
			timed.send("CAP REQ :server-time").expect(":parley CAP * ACK :server-time");
			timed.send("CAP END").logIn(this.http.createUser("timed"), "password1");

			line.send("/all hear ye");
			untimed.expect(mask(line.name()) + " NOTICE " + untimed.nick() + " :hear ye");
			String tagged = timed.readLine();
			assertThat(tagged).matches("@time=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z .*");
			assertThat(IrcSocket.untagged(tagged)).isEqualTo(mask(line.name()) + " NOTICE " + timed.nick() + " :hear ye");

			line.send("/join " + room).expect("OK join " + room);
			join(timed, room, line.name());
			line.expect("JOIN " + room + " " + timed.nick());
			line.send("on time");
			String message = timed.readLine();
			assertThat(message).matches("@time=\\S+\\.\\d{3}Z .*");
			assertThat(IrcSocket.untagged(message)).isEqualTo(mask(line.name()) + " PRIVMSG #" + room + " :on time");

			// a mass message is for admins (AmplificationTest has an admin's)
			timed.send("PRIVMSG $* :and back")
				.expect(":parley 481 " + timed.nick() + " :Permission Denied- You're not an IRC operator");
			line.send("/ping nothing-before").expect("PONG nothing-before");
		}
	}

	@Test
	void joinSeveralChannelsPartThemAndJoin0LeavesAll() throws Exception {
		String a = LineServer.uniqueName("chan-a");
		String b = LineServer.uniqueName("chan-b");
		String c = LineServer.uniqueName("chan-c");
		try (IrcSocket client = this.irc.logIn(this.http.createUser("hopper"))) {
			String me = client.nick();
			client.send("JOIN #" + a + ",#" + b.toUpperCase() + ",#" + c + ",notachannel");
			for (String room : List.of(a, b, c)) {
				client.expect(mask(me) + " JOIN #" + room);
				// the first to join a channel owns it
				client.expect(":parley 353 " + me + " = #" + room + " :~" + me);
				client.expect(":parley 366 " + me + " #" + room + " :End of /NAMES list");
			}
			client.expect(":parley 403 " + me + " notachannel :No such channel");
			client.send("JOIN").expect(":parley 461 " + me + " JOIN :Not enough parameters");

			client.send("PART #" + a).expect(mask(me) + " PART #" + a);
			client.send("PART #" + a).expect(":parley 442 " + me + " #" + a + " :You're not on that channel");
			client.send("PART").expect(":parley 461 " + me + " PART :Not enough parameters");
			client.send("JOIN 0");
			client.expect(mask(me) + " PART #" + b);
			client.expect(mask(me) + " PART #" + c);
			client.send("WHOIS " + me);
			assertThat(client.readThrough("318")).noneMatch(l -> IrcSocket.command(l).equals("319"));
		}
	}

	@Test
	void messagesToWhatIsNotThereAre401403404411And412() throws Exception {
		String room = LineServer.uniqueName("closed");
		String offline = this.http.createUser("offline");
		try (ChatClient line = this.server.register("member"); IrcSocket client = this.irc.logIn(this.http.createUser("lost"))) {
			String me = client.nick();
			line.send("/join " + room).expect("OK join " + room);
			client.send("PRIVMSG nobody-here :hi").expect(":parley 401 " + me + " nobody-here :No such nick/channel");
			// an account that is offline has its messages kept for its next login (issue 17)
			client.send("PRIVMSG " + offline + " :hi").expect(":parley NOTICE " + me + " :" + offline
					+ " is offline; your message is kept and delivered at their next login");
			client.send("PRIVMSG #no-such-room :hi").expect(":parley 403 " + me + " #no-such-room :No such channel");
			client.send("PRIVMSG #" + room + " :hi").expect(":parley 404 " + me + " #" + room + " :Cannot send to channel");
			// a NOTICE is never answered (RFC 2812): the next line read is the 411 below
			client.send("NOTICE #" + room + " :hi");
			client.send("PRIVMSG").expect(":parley 411 " + me + " :No recipient given (PRIVMSG)");
			client.send("PRIVMSG " + line.name()).expect(":parley 412 " + me + " :No text to send");
			client.send("PRIVMSG " + line.name() + " :").expect(":parley 412 " + me + " :No text to send");
			line.send("/ping nothing-arrived").expect("PONG nothing-arrived");
		}
	}

	@Test
	void namesWhoWhoisAndList() throws Exception {
		String room = LineServer.uniqueName("census");
		try (ChatClient line = this.server.register("Zed"); IrcSocket client = this.irc.logIn(this.http.createUser("asker"))) {
			String me = client.nick();
			line.send("/join " + room).expect("OK join " + room);
			join(client, room, line.name());

			client.send("NAMES #" + room.toUpperCase());
			client.expect(":parley 353 " + me + " = #" + room + " :" + me + " ~" + line.name());
			client.expect(":parley 366 " + me + " #" + room + " :End of /NAMES list");
			client.send("NAMES").expect(":parley 366 " + me + " * :End of /NAMES list");

			client.send("WHO #" + room.toUpperCase());
			client.expect(":parley 352 " + me + " #" + room + " " + me + " parley parley " + me + " H :0 " + me);
			// the line user made the room: its owner, ~
			client.expect(":parley 352 " + me + " #" + room + " " + line.name() + " parley parley " + line.name() + " H~ :0 "
					+ line.name());
			client.expect(":parley 315 " + me + " #" + room.toUpperCase() + " :End of WHO list");
			client.send("WHO " + line.name().toLowerCase());
			client.expect(":parley 352 " + me + " * " + line.name() + " parley parley " + line.name() + " H :0 " + line.name());
			client.expect(":parley 315 " + me + " " + line.name().toLowerCase() + " :End of WHO list");
			client.send("WHO nobody-here").expect(":parley 315 " + me + " nobody-here :End of WHO list");
			client.send("WHO #nothing-here").expect(":parley 315 " + me + " #nothing-here :End of WHO list");
			client.send("WHO");
			List<String> everyone = client.readThrough("315");
			assertThat(everyone).anyMatch(l -> l.startsWith(":parley 352 " + me + " * " + line.name() + " "));
			assertThat(everyone).last().isEqualTo(":parley 315 " + me + " * :End of WHO list");

			client.send("WHOIS " + line.name());
			client.expect(":parley 311 " + me + " " + line.name() + " " + line.name() + " parley * :Parley user");
			client.expect(":parley 319 " + me + " " + line.name() + " :~#" + room); // the owner of the room it made
			client.expect(":parley 312 " + me + " " + line.name() + " parley :Parley");
			client.expect(":parley 330 " + me + " " + line.name() + " " + line.name() + " :is logged in as");
			client.expect(":parley 318 " + me + " " + line.name() + " :End of /WHOIS list");
			client.send("WHOIS nobody-here");
			client.expect(":parley 401 " + me + " nobody-here :No such nick/channel");
			client.expect(":parley 318 " + me + " nobody-here :End of /WHOIS list");
			client.send("WHOIS").expect(":parley 461 " + me + " WHOIS :Not enough parameters");

			client.send("LIST");
			List<String> list = client.readThrough("323");
			assertThat(list.get(0)).isEqualTo(":parley 321 " + me + " Channel :Users  Name");
			assertThat(list).contains(":parley 322 " + me + " #" + room + " 2 :");
			assertThat(list).last().isEqualTo(":parley 323 " + me + " :End of /LIST");
		}
	}

	@Test
	void topicAndModeOfAChannelItsMakerOwns() throws Exception {
		String room = LineServer.uniqueName("modes");
		try (IrcSocket client = this.irc.logIn(this.http.createUser("moder"))) {
			String me = client.nick();
			join(client, room);
			client.send("TOPIC #" + room).expect(":parley 331 " + me + " #" + room + " :No topic is set");
			client.send("TOPIC #" + room + " :new topic").expect(mask(me) + " TOPIC #" + room + " :new topic");
			client.send("TOPIC #nothing-here").expect(":parley 403 " + me + " #nothing-here :No such channel");
			client.send("MODE #" + room).expect(":parley 324 " + me + " #" + room + " +nt");
			client.expectNumeric("329");
			client.send("MODE #" + room + " b").expect(":parley 368 " + me + " #" + room + " :End of channel ban list");
			client.send("MODE #" + room + " +m").expect(mask(me) + " MODE #" + room + " +m");
			client.send("MODE #nothing-here").expect(":parley 403 " + me + " #nothing-here :No such channel");
			client.send("MODE " + me).expect(":parley 221 " + me + " +i");
			client.send("MODE someone-else").expect(":parley 502 " + me + " :Can't change mode for other users");
		}
	}

	@Test
	void awayShowsInWhoisAndWhoAndAnswersPrivateMessages() throws Exception {
		try (IrcSocket away = this.irc.logIn(this.http.createUser("napper"));
				IrcSocket other = this.irc.logIn(this.http.createUser("poker"))) {
			away.send("AWAY :out for lunch").expect(":parley 306 " + away.nick() + " :You have been marked as being away");
			other.send("PRIVMSG " + away.nick() + " :there?");
			other.expect(":parley 301 " + other.nick() + " " + away.nick() + " :out for lunch");
			away.expect(mask(other.nick()) + " PRIVMSG " + away.nick() + " :there?");
			other.send("WHOIS " + away.nick());
			assertThat(other.readThrough("318"))
				.contains(":parley 301 " + other.nick() + " " + away.nick() + " :out for lunch");
			other.send("WHO " + away.nick()).expect(":parley 352 " + other.nick() + " * " + away.nick() + " parley parley "
					+ away.nick() + " G :0 " + away.nick());
			other.expectNumeric("315");
			away.send("AWAY").expect(":parley 305 " + away.nick() + " :You are no longer marked as being away");
			other.send("WHO " + away.nick()).expect(":parley 352 " + other.nick() + " * " + away.nick() + " parley parley "
					+ away.nick() + " H :0 " + away.nick());
			other.expectNumeric("315");
			other.send("PRIVMSG " + away.nick() + " :back?").send("PING :no-301").expect(":parley PONG parley :no-301");
		}
	}

	@Test
	void isonTakesManyParametersOrOneTrailingList() throws Exception {
		try (ChatClient line = this.server.register("Present"); IrcSocket client = this.irc.logIn(this.http.createUser("counter"))) {
			String me = client.nick();
			client.send("ISON nobody1 " + line.name().toLowerCase() + " nobody2 " + me)
				.expect(":parley 303 " + me + " :" + line.name() + " " + me);
			client.send("ISON :nobody1 " + me + " " + line.name()).expect(":parley 303 " + me + " :" + me + " " + line.name());
			client.send("ISON nobody").expect(":parley 303 " + me + " :");
			// fifteen parameters are read, and the sixteenth is not
			client.send("ISON a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 a13 a14 " + me + " " + line.name())
				.expect(":parley 303 " + me + " :" + me);
			client.send("ISON").expect(":parley 461 " + me + " ISON :Not enough parameters");
		}
	}

	@Test
	void aLongLineMessageReachesIrcOverSeveralLinesOf512BytesAtMost() throws Exception {
		try (ChatClient line = this.server.register("talker"); IrcSocket client = this.irc.logIn(this.http.createUser("reader"))) {
			String text = "é".repeat(700) + "x".repeat(600);
			line.send("/msg " + client.nick() + " " + text);
			String prefix = mask(line.name()) + " PRIVMSG " + client.nick() + " :";
			StringBuilder received = new StringBuilder();
			while (received.length() < text.length()) {
				String part = client.readLine();
				assertThat(part).startsWith(prefix);
				assertThat((part + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(512);
				received.append(part.substring(prefix.length()));
			}
			assertThat(received.toString()).isEqualTo(text);
		}
	}

	/** Joins {@code room} and reads the echo and the names, {@code others} (sorted as the server sorts) first. */
	private static void join(IrcSocket client, String room, String... others) throws Exception {
		client.send("JOIN #" + room).expect(mask(client.nick()) + " JOIN #" + room);
		List<String> names = new java.util.ArrayList<>(List.of(others));
		names.add(client.nick());
		names.sort(String.CASE_INSENSITIVE_ORDER);
		// the prefixes of roles (~ the owner, who made the channel) aside
		assertThat(client.readLine().replaceAll(" :?[~@+]", " ").replace(" :", " ").replace("  ", " "))
			.isEqualTo(":parley 353 " + client.nick() + " = #" + room + " " + String.join(" ", names));
		client.expect(":parley 366 " + client.nick() + " #" + room + " :End of /NAMES list");
	}

	private static String mask(String name) {
		return ":" + name + "!" + name + "@parley";
	}

}
