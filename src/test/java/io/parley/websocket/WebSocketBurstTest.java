package io.parley.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.support.AdminHttp;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;
import io.parley.support.WebSocketIrc;

/**
 * A burst of lines to WebSocket sessions arrives whole and in order, one line per message, however the server
 * batches and flushes them: 3,000 lines (close to a megabyte) in one write from an IRC client, of ASCII and of
 * characters of two to four bytes (which the server's count of its output buffer must not underestimate), to a text
 * and a binary WebSocket member of the room. The queue's limit is raised so that only the order and the
 * content are in question here ({@code WebSocketSlowReaderTest} is about the limit).
 */
@ParleyTest(properties = "parley.sessions.send-queue-bytes=16MB")
class WebSocketBurstTest {

	private static final int LINES = 3_000;

	@LocalServerPort
	int httpPort;

	@Autowired
	AdminHttp http;

	@Autowired
	IrcGateway irc;

	@Test
	void aBurstOfLinesReachesTextAndBinaryWebSocketMembersWholeAndInOrder() throws Exception {
		String room = LineServer.uniqueName("burst");
		String textName = this.http.createUser("wstext");
		String binaryName = this.http.createUser("wsbinary");
		try (WebSocketIrc text = WebSocketIrc.connect(this.httpPort, "text.ircv3.net");
				WebSocketIrc binary = WebSocketIrc.connect(this.httpPort, "binary.ircv3.net");
				IrcSocket sender = this.irc.logIn(this.http.createUser("burster"))) {
			text.saslLogIn(textName, "password1");
			binary.saslLogIn(binaryName, "password1");
			text.send("JOIN #" + room).readThrough("366");
			binary.send("JOIN #" + room).readThrough("366");
			sender.send("JOIN #" + room).readThrough("366");

			ByteArrayOutputStream burst = new ByteArrayOutputStream();
			List<String> expected = new ArrayList<>();
			for (int n = 0; n < LINES; n++) {
				burst.writeBytes(("PRIVMSG #" + room + " :" + n + " ").getBytes(StandardCharsets.UTF_8));
				burst.writeBytes(body(n));
				burst.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
				expected.add(":" + sender.nick() + "!" + sender.nick() + "@parley PRIVMSG #" + room + " :" + n + " "
						+ new String(body(n), StandardCharsets.UTF_8));
			}
			sender.sendRaw(burst.toByteArray());

			assertThat(privmsgs(text)).containsExactlyElementsOf(expected);
			assertThat(privmsgs(binary)).containsExactlyElementsOf(expected);
		}
	}

	/** Line {@code n}'s text: long ASCII, characters of two to four bytes, a short word, or markup and euros. */
	private static byte[] body(int n) {
		return switch (n % 4) {
			case 0 -> "x".repeat(300).getBytes(StandardCharsets.UTF_8);
			case 1 -> "é✓😀".repeat(40).getBytes(StandardCharsets.UTF_8);
			case 2 -> "hi".getBytes(StandardCharsets.UTF_8);
			default -> ("<b>" + "€".repeat(120)).getBytes(StandardCharsets.UTF_8);
		};
	}

	private static List<String> privmsgs(WebSocketIrc client) throws InterruptedException {
		List<String> lines = new ArrayList<>();
		List<String> others = new ArrayList<>();
		while (lines.size() < LINES) {
			String line;
			try {
				line = client.readLine();
			}
			catch (AssertionError ex) {
				throw new AssertionError("after " + lines.size() + " lines, the last " + lines.get(lines.size() - 1)
						+ ", and other lines " + others, ex);
			}
			if (IrcSocket.command(line).equals("PRIVMSG")) {
				lines.add(line);
			}
			else {
				others.add(line);
			}
		}
		return lines;
	}

}
