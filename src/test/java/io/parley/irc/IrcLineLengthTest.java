package io.parley.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * Every IRC line the server writes fits the protocol's 512 bytes (tags apart), whatever its parts come from: a
 * 4,000-byte quit reason or away text is cut, a long channel list is split; and a message an IRC client sent
 * in one line reaches the others in one line.
 */
// a member of 200 channels, joined 20 a line: past the default room and target bounds
@ParleyTest(properties = { "parley.limits.rooms.per-user=250", "parley.limits.targets.channels=20" })
class IrcLineLengthTest {

	@Autowired
	IrcGateway irc;

	@Autowired
	LineServer server;

	@Autowired
	AdminHttp http;

	@Test
	void aFourThousandByteQuitReasonReachesTheOthersInOneLineOf512Bytes() throws Exception {
		String room = LineServer.uniqueName("quitlen");
		try (IrcSocket watcher = this.irc.logIn(this.http.createUser("watch"));
				IrcSocket quitter = this.irc.logIn(this.http.createUser("quit"))) {
			watcher.send("CAP REQ :server-time").expect(":parley CAP " + watcher.nick() + " ACK :server-time");
			join(watcher, room);
			join(quitter, room);
			watcher.readLine(); // the quitter's JOIN
			quitter.send("QUIT :" + "é".repeat(2000)); // 4,000 bytes
			String quit = watcher.readLine();
			assertThat(quit).startsWith("@time=");
			assertThat(IrcSocket.untagged(quit)).startsWith(":" + quitter.nick() + "!" + quitter.nick() + "@parley QUIT :Quit: éé");
			assertFits(quit);
		}
	}

	@Test
	void aFourThousandByteAwayTextIsCutTo512ByteLinesIn301() throws Exception {
		try (IrcSocket away = this.irc.logIn(this.http.createUser("away"));
				IrcSocket asker = this.irc.logIn(this.http.createUser("asker"))) {
			away.send("AWAY :" + "gone fishing ".repeat(310)).expectNumeric("306");
			asker.send("PRIVMSG " + away.nick() + " :are you there?");
			String reply = asker.expectNumeric("301");
			assertThat(reply).startsWith(":parley 301 " + asker.nick() + " " + away.nick() + " :gone fishing gone");
			assertFits(reply);
			asker.send("WHOIS " + away.nick());
			for (String line : asker.readThrough("318")) {
				assertFits(line);
			}
		}
	}

	@Test
	void whoisSplitsALongChannelListOverSeveral319LinesThatHoldEveryChannel() throws Exception {
		String prefix = LineServer.uniqueName("whoischan") + "-";
		try (IrcSocket member = this.irc.logIn(this.http.createUser("member"));
				IrcSocket asker = this.irc.logIn(this.http.createUser("asker"))) {
			List<String> channels = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				channels.add(("#" + prefix + i + "-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx").substring(0, 33));
			}
			for (int i = 0; i < channels.size(); i += 20) {
				member.send("JOIN " + String.join(",", channels.subList(i, i + 20)));
			}
			member.send("PING joined");
			member.readThrough("PONG");
			asker.send("WHOIS " + member.nick());
			List<String> listed = new ArrayList<>();
			int lines319 = 0;
			for (String line : asker.readThrough("318")) {
				assertFits(line);
				if (IrcSocket.command(line).equals("319")) {
					lines319++;
					assertThat(line).startsWith(":parley 319 " + asker.nick() + " " + member.nick() + " :");
					// each channel with the member's prefix there: the owner of those it made
					List.of(line.substring(line.indexOf(" :") + 2).split(" "))
						.forEach(channel -> listed.add(channel.startsWith("~") ? channel.substring(1) : channel));
				}
			}
			assertThat(lines319).isGreaterThan(1);
			assertThat(listed).containsExactlyInAnyOrderElementsOf(channels);
		}
	}

	@Test
	void aPrivmsgThatFitsOneLineIsRelayedAsOneLine() throws Exception {
		String room = LineServer.uniqueName("onel");
		try (IrcSocket sender = this.irc.logIn(this.http.createUser("sender"));
				IrcSocket reader = this.irc.logIn(this.http.createUser("reader"))) {
			join(sender, room);
			join(reader, room);
			sender.readLine(); // the reader's JOIN
			String head = "PRIVMSG #" + room + " :";
			String text = "word ".repeat(200).substring(0, 510 - head.length());
			assertThat((head + text).getBytes(StandardCharsets.UTF_8)).hasSize(510);
			sender.send(head + text);
			reader.expect(":" + sender.nick() + "!" + sender.nick() + "@parley " + head + text);
			String privateHead = "PRIVMSG " + reader.nick() + " :";
			String privateText = "word ".repeat(200).substring(0, 510 - privateHead.length());
			sender.send(privateHead + privateText);
			reader.expect(":" + sender.nick() + "!" + sender.nick() + "@parley " + privateHead + privateText);
			reader.send("PING after").expect(":parley PONG parley :after");
		}
	}

	/** A line user's 4,000-byte message is split between words, and the pieces hold the whole text. */
	@Test
	void aLongLineMessageIsSplitBetweenWordsForIrc() throws Exception {
		String room = LineServer.uniqueName("split");
		try (ChatClient line = this.server.register("long"); IrcSocket reader = this.irc.logIn(this.http.createUser("reader"))) {
			line.send("/join " + room).expect("OK join " + room);
			join(reader, room);
			line.expect("JOIN " + room + " " + reader.nick());
			StringBuilder text = new StringBuilder();
			for (int i = 0; text.length() < 4000; i++) {
				text.append("word").append(i).append(' ');
			}
			String sent = text.toString().strip();
			line.send(sent);
			StringBuilder received = new StringBuilder();
			String prefix = ":" + line.name() + "!" + line.name() + "@parley PRIVMSG #" + room + " :";
			while (received.length() < sent.length()) {
				String piece = reader.readLine();
				assertThat(piece).startsWith(prefix);
				assertFits(piece);
				String body = piece.substring(prefix.length());
				if (received.length() + body.length() < sent.length()) {
					assertThat(body).as("a piece ends between words").endsWith(" ");
				}
				received.append(body);
			}
			assertThat(received.toString()).isEqualTo(sent);
		}
	}

	private static void join(IrcSocket client, String room) throws Exception {
		client.send("JOIN #" + room);
		client.readThrough("366");
	}

	/** At most 512 bytes with the CRLF the reader took off, not counting the tags. */
	private static void assertFits(String line) {
		assertThat(IrcSocket.untagged(line).getBytes(StandardCharsets.UTF_8).length + 2).as(line).isLessThanOrEqualTo(512);
	}

}
