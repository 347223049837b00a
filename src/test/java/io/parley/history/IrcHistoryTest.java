package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * History on IRC over real sockets: {@code msgid} and {@code server-time} on live messages, the same again in
 * {@code CHATHISTORY} pages (LATEST, BEFORE, AFTER, AROUND, BETWEEN, TARGETS) in {@code chathistory} batches,
 * {@code echo-message}, {@code labeled-response}, and the spec's FAIL codes for bad input.
 */
@ParleyTest
class IrcHistoryTest {

	static final String ALL_CAPS = "message-tags server-time echo-message batch labeled-response draft/chathistory";

	@Autowired
	IrcGateway irc;

	@Autowired
	LineServer server;

	@Autowired
	AdminHttp http;

	/** A client logged in with PASS that negotiated {@code caps}. */
	IrcSocket logIn(String nick, String caps) throws IOException {
		IrcSocket client = this.irc.connect();
		client.send("CAP LS 302").expectNumeric("CAP");
		client.send("CAP REQ :" + caps).expect(":parley CAP * ACK :" + caps);
		client.send("PASS password1").send("NICK " + nick).send("USER " + nick + " 0 * :" + nick).send("CAP END");
		client.readWelcome();
		return client;
	}

	/** The tags of a server line. */
	static Map<String, String> tags(String line) {
		Map<String, String> tags = new HashMap<>();
		if (line.startsWith("@")) {
			for (String tag : line.substring(1, line.indexOf(' ')).split(";")) {
				int eq = tag.indexOf('=');
				tags.put(eq < 0 ? tag : tag.substring(0, eq), eq < 0 ? "" : tag.substring(eq + 1));
			}
		}
		return tags;
	}

	/** The lines inside the batch that starts with the next line, which must open a {@code type} batch. */
	static List<String> readBatch(IrcSocket client, String type) throws IOException {
		String start = client.readLine();
		assertThat(IrcSocket.untagged(start)).as(start).startsWith(":parley BATCH +").contains(" " + type);
		String id = IrcSocket.untagged(start).split(" ")[2].substring(1);
		List<String> inside = new ArrayList<>();
		while (true) {
			String line = client.readLine();
			if (IrcSocket.untagged(line).equals(":parley BATCH -" + id)) {
				return inside;
			}
			assertThat(tags(line)).as(line).containsEntry("batch", id);
			inside.add(line);
		}
	}

	static String text(String line) {
		return line.substring(line.indexOf(" :", line.indexOf(' ', line.startsWith("@") ? line.indexOf(' ') + 1 : 0)) + 2);
	}

	@Test
	void liveMessagesCarryMsgidAndTimeAndChathistoryReadsTheSameBack() throws Exception {
		String room = "#" + LineServer.uniqueName("ircroom");
		try (IrcSocket ann = logIn(this.http.createUser("ann"), ALL_CAPS);
				IrcSocket bob = logIn(this.http.createUser("bob"), "message-tags server-time")) {
			ann.send("JOIN " + room).readThrough("366");
			bob.send("JOIN " + room).readThrough("366");
			ann.readLine(); // bob's JOIN
			List<String> echoes = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				ann.send("PRIVMSG " + room + " :message " + i);
				String echo = ann.readLine();
				String delivered = bob.readLine();
				assertThat(IrcSocket.untagged(echo)).isEqualTo(IrcSocket.untagged(delivered))
					.endsWith("PRIVMSG " + room + " :message " + i);
				assertThat(tags(echo)).containsKeys("msgid", "time").isEqualTo(tags(delivered));
				echoes.add(echo);
			}
			ann.send("CHATHISTORY LATEST " + room + " * 100");
			assertThat(readBatch(ann, "chathistory " + room)).extracting(IrcHistoryTest::withoutBatch).containsExactlyElementsOf(echoes);
			ann.send("CHATHISTORY LATEST " + room + " * 3");
			assertThat(readBatch(ann, "chathistory")).extracting(IrcHistoryTest::withoutBatch).containsExactlyElementsOf(echoes.subList(7, 10));
			ann.send("CHATHISTORY BEFORE " + room + " msgid=" + tags(echoes.get(6)).get("msgid") + " 2");
			assertThat(readBatch(ann, "chathistory")).extracting(IrcHistoryTest::withoutBatch).containsExactlyElementsOf(echoes.subList(4, 6));
			ann.send("CHATHISTORY AFTER " + room + " msgid=" + tags(echoes.get(3)).get("msgid") + " 3");
			assertThat(readBatch(ann, "chathistory")).extracting(IrcHistoryTest::withoutBatch).containsExactlyElementsOf(echoes.subList(4, 7));
			ann.send("CHATHISTORY AROUND " + room + " msgid=" + tags(echoes.get(7)).get("msgid") + " 3");
			assertThat(readBatch(ann, "chathistory")).extracting(IrcHistoryTest::withoutBatch).containsExactlyElementsOf(echoes.subList(6, 9));
			ann.send("CHATHISTORY BETWEEN " + room + " msgid=" + tags(echoes.get(9)).get("msgid") + " msgid="
					+ tags(echoes.get(0)).get("msgid") + " 3");
			assertThat(readBatch(ann, "chathistory")).extracting(IrcHistoryTest::withoutBatch).containsExactlyElementsOf(echoes.subList(6, 9));
			ann.send("CHATHISTORY LATEST " + room + " timestamp=" + tags(echoes.get(4)).get("time") + " 100");
			List<String> afterTime = readBatch(ann, "chathistory");
			assertThat(afterTime).extracting(IrcHistoryTest::withoutBatch).isSubsetOf(echoes).doesNotContain(echoes.get(4));
			ann.send("CHATHISTORY TARGETS timestamp=2020-01-01T00:00:00.000Z timestamp=2262-01-01T00:00:00.000Z 100");
			assertThat(readBatch(ann, "draft/chathistory-targets"))
				.anySatisfy(line -> assertThat(line).endsWith(" CHATHISTORY TARGETS " + room + " " + tags(echoes.get(9)).get("time")));
		}
	}

	@Test
	void labeledCommandsGetTheirLabelBackAsAckLineOrBatch() throws Exception {
		String me = this.http.createUser("ann");
		try (IrcSocket ann = logIn(me, "batch labeled-response")) {
			ann.send("@label=p1 PING token").expect("@label=p1 :parley PONG parley :token");
			ann.send("@label=p2 PONG whatever").expect("@label=p2 :parley ACK");
			ann.send("@label=p3 FROB").expect("@label=p3 :parley 421 " + me + " FROB :Unknown command");
			String room = "#" + LineServer.uniqueName("labels");
			ann.send("@label=p4 JOIN " + room);
			String start = ann.readLine();
			assertThat(start).startsWith("@label=p4 :parley BATCH +").endsWith(" labeled-response");
			List<String> inside = readBatchAfter(ann, start);
			assertThat(inside).hasSizeGreaterThanOrEqualTo(3);
			assertThat(IrcSocket.untagged(inside.get(0))).endsWith("JOIN " + room);
		}
	}

	static List<String> readBatchAfter(IrcSocket client, String start) throws IOException {
		String id = IrcSocket.untagged(start).split(" ")[2].substring(1);
		List<String> inside = new ArrayList<>();
		for (String line = client.readLine(); !IrcSocket.untagged(line).equals(":parley BATCH -" + id); line = client.readLine()) {
			assertThat(tags(line)).as(line).containsEntry("batch", id);
			inside.add(line);
		}
		return inside;
	}

	@Test
	void aNoteToSelfWithEchoMessageComesTwiceAndOnlyTheEchoIsLabeled() throws Exception {
		String me = this.http.createUser("ann");
		try (IrcSocket ann = logIn(me, "echo-message batch labeled-response message-tags")) {
			ann.send("@label=self PRIVMSG " + me + " :note");
			String first = ann.readLine();
			String second = ann.readLine();
			assertThat(List.of(first, second)).allSatisfy(l -> assertThat(IrcSocket.untagged(l)).endsWith("PRIVMSG " + me + " :note"));
			assertThat(List.of(first, second)).filteredOn(l -> "self".equals(tags(l).get("label"))).hasSize(1);
			assertThat(tags(first).get("msgid")).isEqualTo(tags(second).get("msgid"));
		}
	}

	@Test
	void badChathistoryInputIsAFailThatTellsNothingOfWhatExists() throws Exception {
		String secret = "#" + LineServer.uniqueName("secret");
		String me = this.http.createUser("ann");
		try (IrcSocket ann = logIn(me, ALL_CAPS); ChatClient member = this.server.register("member")) {
			member.send("/join " + secret).expect("OK join " + secret.substring(1));
			member.send("/say " + secret + " hidden");
			ann.send("CHATHISTORY LATEST " + secret + " * 10")
				.expect(":parley FAIL CHATHISTORY INVALID_TARGET LATEST " + secret + " :Messages could not be retrieved");
			ann.send("CHATHISTORY LATEST #nonexistent_channel * 10")
				.expect(":parley FAIL CHATHISTORY INVALID_TARGET LATEST #nonexistent_channel :Messages could not be retrieved");
			ann.send("CHATHISTORY LATEST 9bad * 10")
				.expect(":parley FAIL CHATHISTORY INVALID_TARGET LATEST 9bad :Messages could not be retrieved");
			for (String limit : new String[] { "0", "-5", "1001", "lots" }) {
				ann.send("CHATHISTORY LATEST " + me + " * " + limit).expect(":parley FAIL CHATHISTORY INVALID_PARAMS LATEST "
						+ limit + " :The limit is a number from 1 to 1000");
			}
			ann.send("CHATHISTORY BEFORE " + me + " msgid=nope 10")
				.expect(":parley FAIL CHATHISTORY INVALID_PARAMS BEFORE msgid=nope :Invalid message reference");
			ann.send("CHATHISTORY BEFORE " + me + " timestamp=yesterday 10")
				.expect(":parley FAIL CHATHISTORY INVALID_PARAMS BEFORE timestamp=yesterday :Invalid message reference");
			ann.send("CHATHISTORY BEFORE " + me + " * 10")
				.expect(":parley FAIL CHATHISTORY INVALID_PARAMS BEFORE * :Invalid message reference");
			ann.send("CHATHISTORY LATEST " + me).expect(":parley FAIL CHATHISTORY NEED_MORE_PARAMS LATEST :Missing parameters");
			ann.send("CHATHISTORY SIDEWAYS " + me + " * 1")
				.expect(":parley FAIL CHATHISTORY INVALID_PARAMS SIDEWAYS :Unknown subcommand");
			ann.send("CHATHISTORY TARGETS * * 10")
				.expect(":parley FAIL CHATHISTORY INVALID_PARAMS TARGETS :TARGETS takes two timestamps and a limit");
			// a conversation with a stranger, or with a name nobody holds: an empty page either way
			ann.send("CHATHISTORY LATEST " + member.name() + " * 10");
			assertThat(readBatch(ann, "chathistory " + member.name())).isEmpty();
			ann.send("CHATHISTORY LATEST nobody" + member.name() + " * 10");
			assertThat(readBatch(ann, "chathistory nobody" + member.name())).isEmpty();
		}
	}

	@Test
	void aClientWithoutChathistoryIsShownTheLastLinesOnJoinWithTheirTimeAndId() throws Exception {
		String room = LineServer.uniqueName("replayirc");
		try (ChatClient line = this.server.register("talker")) {
			line.send("/join " + room).expect("OK join " + room);
			line.send("/ids on").expect("OK ids on");
			line.send("/say " + room + " before you came");
			line.send("/history " + room).expect("HISTORY " + room + " page");
			String hist = line.readLine();
			line.expect("HISTORY-END " + room + " complete");
			String id = hist.split(" ")[2];
			try (IrcSocket ann = logIn(this.http.createUser("ann"), "batch server-time message-tags")) {
				ann.send("JOIN #" + room).readThrough("366");
				List<String> replay = readBatch(ann, "chathistory #" + room);
				assertThat(replay).hasSize(1);
				assertThat(tags(replay.get(0))).containsEntry("msgid", id).containsEntry("time", hist.split(" ")[3]);
				assertThat(IrcSocket.untagged(replay.get(0))).endsWith("PRIVMSG #" + room + " :before you came");
			}
			try (IrcSocket bob = logIn(this.http.createUser("bob"), ALL_CAPS)) {
				bob.send("JOIN #" + room).readThrough("366");
				bob.send("PING none").expect(":parley PONG parley :none");
			}
		}
	}

	private static String withoutBatch(String line) {
		Map<String, String> tags = tags(line);
		StringBuilder rest = new StringBuilder();
		for (String tag : line.substring(1, line.indexOf(' ')).split(";")) {
			if (!tag.startsWith("batch=")) {
				rest.append(rest.isEmpty() ? "" : ";").append(tag);
			}
		}
		assertThat(tags).containsKey("batch");
		return "@" + rest + line.substring(line.indexOf(' '));
	}

}
