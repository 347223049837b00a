package io.parley.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.session.SessionRegistry;
import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;
import io.parley.support.WebSocketIrc;

/**
 * The WebSocket door on the HTTP port speaks IRC (IRCv3 WebSocket: one line per message, text or binary as
 * negotiated) through the same sessions and chat core as the IRC and line ports, shows in sessions, health and
 * metrics, checks the page's origin, and answers bad input as TCP does.
 */
@ParleyTest
class WebSocketDoorTest {

	@LocalServerPort
	int httpPort;

	@Autowired
	AdminHttp http;

	@Autowired
	IrcGateway irc;

	@Autowired
	LineServer line;

	@Autowired
	SessionRegistry sessions;

	@Test
	void aWebSocketUserChatsWithAnIrcUserAndALineUserInARoomAndInPrivate() throws Exception {
		String web = this.http.createUser("web");
		String tcp = this.http.createUser("tcp");
		String room = LineServer.uniqueName("door");
		try (WebSocketIrc ws = WebSocketIrc.connect(this.httpPort, "text.ircv3.net");
				IrcSocket ircUser = this.irc.logIn(tcp); ChatClient lineUser = this.line.register("nc")) {
			assertThat(ws.subprotocol()).isEqualTo("text.ircv3.net");
			ws.saslLogIn(web, "password1");
			ws.send("JOIN #" + room).expect(":" + web + "!" + web + "@parley JOIN #" + room);
			ws.readThrough("366");
			ircUser.send("JOIN #" + room).readThrough("366");
			lineUser.send("/join " + room).expectPrefix("OK join");
			String joined;
			do {
				joined = ws.readLine();
			}
			while (!joined.contains(lineUser.name()));
			assertThat(joined).endsWith("JOIN #" + room);

			ws.send("PRIVMSG #" + room + " :hello from the web <b>");
			assertThat(ircUser.readThrough("PRIVMSG")).last()
				.isEqualTo(":" + web + "!" + web + "@parley PRIVMSG #" + room + " :hello from the web <b>");
			assertThat(lineUser.readUntilContaining("hello from the web")).contains(web);

			ircUser.send("PRIVMSG #" + room + " :hello from tcp");
			assertThat(ws.readThrough("PRIVMSG")).last()
				.isEqualTo(":" + tcp + "!" + tcp + "@parley PRIVMSG #" + room + " :hello from tcp");
			lineUser.send("/say " + room + " hello from nc");
			assertThat(ws.readThrough("PRIVMSG")).last().asString().endsWith("PRIVMSG #" + room + " :hello from nc");

			ws.send("PRIVMSG " + tcp + " :just you");
			readUntilContains(ircUser, "hello from nc");
			assertThat(ircUser.readThrough("PRIVMSG")).last()
				.isEqualTo(":" + web + "!" + web + "@parley PRIVMSG " + tcp + " :just you");
			ircUser.send("PRIVMSG " + web + " :and you");
			assertThat(ws.readThrough("PRIVMSG")).last()
				.isEqualTo(":" + tcp + "!" + tcp + "@parley PRIVMSG " + web + " :and you");
		}
	}

	private static String readUntilContains(IrcSocket client, String text) throws Exception {
		String got;
		do {
			got = client.readLine();
		}
		while (!got.contains(text));
		return got;
	}


	@Test
	void theClientsFirstSubprotocolIsChosenAndNoneMeansText() throws Exception {
		try (WebSocketIrc binary = WebSocketIrc.connect(this.httpPort, "binary.ircv3.net", "text.ircv3.net");
				WebSocketIrc text = WebSocketIrc.connect(this.httpPort, "text.ircv3.net", "binary.ircv3.net");
				WebSocketIrc none = WebSocketIrc.connect(this.httpPort)) {
			assertThat(binary.subprotocol()).isEqualTo("binary.ircv3.net");
			assertThat(binary.next()).isEqualTo(new WebSocketIrc.Received(
					":parley NOTICE * :*** Welcome to Parley: log in with SASL PLAIN or PASS (your nick is your account name)",
					true));
			binary.send("PING one").send("PING two");
			assertThat(binary.next()).isEqualTo(new WebSocketIrc.Received(":parley PONG parley :one", true));
			assertThat(binary.next()).isEqualTo(new WebSocketIrc.Received(":parley PONG parley :two", true));

			assertThat(text.subprotocol()).isEqualTo("text.ircv3.net");
			assertThat(text.next().binary()).isFalse();
			assertThat(none.subprotocol()).isEmpty();
			assertThat(none.next().binary()).isFalse();
			none.send("PING three").expect(":parley PONG parley :three");
		}
	}

	@Test
	void websocketSessionsShowInTheSessionsListHealthAndMetrics() throws Exception {
		String web = this.http.createUser("shown");
		try (WebSocketIrc ws = WebSocketIrc.connect(this.httpPort, "text.ircv3.net")) {
			ws.saslLogIn(web, "password1");
			JsonNode mine = this.http.admin().get("/actuator/sessions/" + web).json();
			JsonNode session = mine.path("sessions").get(0);
			assertThat(session.path("protocol").asText()).isEqualTo("irc");
			assertThat(session.path("transport").asText()).isEqualTo("websocket");
			assertThat(session.path("remoteAddress").asText()).startsWith("127.0.0.1:");
			assertThat(session.path("tls").asBoolean()).isFalse();

			JsonNode health = this.http.admin().get("/actuator/health").json().path("components").path("websocket");
			assertThat(health.path("status").asText()).isEqualTo("UP");
			assertThat(health.path("details").path("path").asText()).isEqualTo("/irc");
			assertThat(health.path("details").path("sessions").asInt()).isPositive();
			JsonNode gauge = this.http.admin().get("/actuator/metrics/parley.websocket.sessions").json();
			assertThat(gauge.path("measurements").get(0).path("value").asDouble()).isPositive();
		}
		try (IrcSocket tcp = this.irc.logIn(this.http.createUser("tcpshown"))) {
			JsonNode session = this.http.admin().get("/actuator/sessions/" + tcp.nick()).json().path("sessions").get(0);
			assertThat(session.path("transport").asText()).isEqualTo("tcp");
		}
	}

	@Test
	void aPageFromAnotherOriginIsTurnedAwayAndItsOwnOriginIsLetIn() {
		assertThatThrownBy(() -> WebSocketIrc.connect(this.httpPort, Map.of("Origin", "http://evil.example"),
				"text.ircv3.net"))
			.rootCause()
			.hasMessageContaining("status code 403");
		try (WebSocketIrc own = WebSocketIrc.connect(this.httpPort,
				Map.of("Origin", "http://localhost:" + this.httpPort), "text.ircv3.net")) {
			assertThat(own.subprotocol()).isEqualTo("text.ircv3.net");
		}
	}

	@Test
	void aFrameOverTheLineLimitIsAnsweredAsOnTcpAndTheSessionGoesOn() throws Exception {
		String tooLong = "PING " + "x".repeat(5000);
		try (WebSocketIrc ws = WebSocketIrc.connect(this.httpPort, "text.ircv3.net"); IrcSocket tcp = this.irc.connect()) {
			ws.readLine();
			ws.send(tooLong);
			tcp.send(tooLong);
			assertThat(ws.readLine()).isEqualTo(tcp.readLine()).isEqualTo(":parley 417 * :Input line was too long");
			ws.send("PING still-here").expect(":parley PONG parley :still-here");
			// far past the container's 8 KB buffer: read in parts, counted, dropped, answered alike
			ws.send("PING " + "y".repeat(50_000)).expect(":parley 417 * :Input line was too long");
			ws.send("PING after").expect(":parley PONG parley :after");
		}
	}

	@Test
	void binaryWhereTextIsExpectedIsReadAsTcpReadsThoseBytes() throws Exception {
		byte[] invalid = { 'P', 'I', 'N', 'G', ' ', 'a', (byte) 0xff, (byte) 0xfe, 'b' };
		try (WebSocketIrc ws = WebSocketIrc.connect(this.httpPort, "text.ircv3.net");
				ChatClient tcp = new ChatClient("localhost", this.irc.port())) {
			ws.readLine();
			tcp.readLine();
			ws.sendBinary(invalid);
			tcp.sendRaw(new String(invalid, StandardCharsets.ISO_8859_1).concat("\r\n").getBytes(StandardCharsets.ISO_8859_1));
			String answer = ws.readLine();
			// invalid UTF-8 is refused as IRCv3 asks (irctest's utf8 tests), on TCP and WebSocket alike
			assertThat(answer).isEqualTo(
					":parley FAIL PING INVALID_UTF8 :Message rejected, your IRC software MUST use UTF-8 encoding on this network");
			assertThat(answer + "\r").isEqualTo(tcp.readLine());
			// several lines in one binary message are several lines, as in one TCP read
			ws.sendBinary("PING one\r\nPING two\r\n".getBytes(StandardCharsets.UTF_8));
			ws.expect(":parley PONG parley :one");
			ws.expect(":parley PONG parley :two");
		}
	}

	@Test
	void invalidUtf8InATextFrameClosesTheConnectionAsRfc6455RequiresAndEndsTheSession() throws Exception {
		// counted by transport: the context's other sessions (earlier tests' TCP clients) may still be ending
		long before = webSocketSessions();
		try (Socket socket = new Socket("localhost", this.httpPort)) {
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
			out.write(("GET /irc HTTP/1.1\r\nHost: localhost:" + this.httpPort + "\r\nUpgrade: websocket\r\n"
					+ "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
					+ "Sec-WebSocket-Protocol: text.ircv3.net\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			String response = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
			assertThat(response).isEqualTo("HTTP/1.1 101");
			await().atMost(Duration.ofSeconds(10)).until(() -> webSocketSessions() > before);
			byte[] payload = { 'P', 'I', 'N', 'G', ' ', (byte) 0xc3, (byte) 0x28 };
			byte[] frame = new byte[2 + 4 + payload.length];
			frame[0] = (byte) 0x81; // FIN, text
			frame[1] = (byte) (0x80 | payload.length); // masked, as a client must
			// mask 0: the payload goes as is
			System.arraycopy(payload, 0, frame, 6, payload.length);
			out.write(frame);
			out.flush();
			byte[] all = in.readAllBytes();
			// the last frame is the server's close, with 1007 (invalid payload data)
			int close = indexOfClose(all);
			assertThat(close).as("a close frame").isNotNegative();
			assertThat(((all[close + 2] & 0xff) << 8) | (all[close + 3] & 0xff)).isEqualTo(1007);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> webSocketSessions() == before);
	}

	/** The offset of the first close frame (opcode 8) among the server's frames, or -1. */
	private static int indexOfClose(byte[] frames) {
		// after the rest of the HTTP response
		int at = new String(frames, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
		while (at + 1 < frames.length) {
			int opcode = frames[at] & 0x0f;
			int length = frames[at + 1] & 0x7f;
			int header = 2;
			if (length == 126) {
				length = ((frames[at + 2] & 0xff) << 8) | (frames[at + 3] & 0xff);
				header = 4;
			}
			if (opcode == 8) {
				return at;
			}
			at += header + length;
		}
		return -1;
	}

	private long webSocketSessions() {
		return this.sessions.all().stream().filter(session -> session.transport().equals("websocket")).count();
	}

}
