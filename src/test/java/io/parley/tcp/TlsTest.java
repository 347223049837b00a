package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.task.TaskExecutor;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;
import io.parley.support.QuietLog;
import io.parley.support.TestKeyStore;

/**
 * TLS listeners beside the plain ones: the same chat over another port, for both protocols, with a key store the
 * test makes itself. What is not TLS, or too old a TLS, is turned away without noise and without a thread left
 * waiting.
 */
@ParleyTest
@ExtendWith(OutputCaptureExtension.class)
class TlsTest {

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) {
		TestKeyStore.tlsListeners(registry);
	}

	@Autowired
	LineServer plain;

	@Autowired
	AdminHttp http;

	@Autowired
	@Qualifier("lineTlsServerFactory")
	AbstractServerConnectionFactory lineTls;

	@Autowired
	@Qualifier("ircTlsServerFactory")
	AbstractServerConnectionFactory ircTls;

	@Autowired
	@Qualifier("chatWorkers")
	TaskExecutor chatWorkers;

	@Test
	void aTlsClientRegistersLogsInAndChatsWithAPlainClient() throws Exception {
		String name = LineServer.uniqueName("secure");
		try (ChatClient first = TestKeyStore.connectLine(port(this.lineTls))) {
			first.send("/register " + name + " password1").expect("OK register " + name);
		}
		String room = LineServer.uniqueName("tls");
		try (ChatClient secure = TestKeyStore.connectLine(port(this.lineTls));
				ChatClient bob = this.plain.register("bob")) {
			secure.send("/login " + name + " password1").expect("OK login " + name);
			secure.name(name);
			LineServer.joinAll(room, secure, bob);
			secure.send("hello over TLS");
			bob.expect("ROOM " + room + " " + name + " hello over TLS");
			bob.send("hello in plain text");
			secure.expect("ROOM " + room + " " + bob.name() + " hello in plain text");
			assertThat(((SSLSocket) secure.socket()).getSession().getProtocol()).isEqualTo("TLSv1.3");

			JsonNode sessions = this.http.admin().get("/actuator/sessions/" + name).json();
			assertThat(sessions.at("/sessions/0/protocol").asString()).isEqualTo("line");
			assertThat(sessions.at("/sessions/0/tls").asBoolean()).isTrue();
			assertThat(this.http.admin().get("/actuator/sessions/" + bob.name()).json().at("/sessions/0/tls").asBoolean())
				.isFalse();

			JsonNode chat = this.http.admin().get("/actuator/health").json().at("/components/chat");
			assertThat(chat.path("status").asString()).isEqualTo("UP");
			assertThat(chat.at("/details/line-tls/port").asInt()).isEqualTo(port(this.lineTls));
			assertThat(chat.at("/details/line-tls/tls").asBoolean()).isTrue();
			assertThat(chat.at("/details/line-tls/sessions").asInt()).isGreaterThanOrEqualTo(1);
			assertThat(chat.at("/details/irc-tls/port").asInt()).isEqualTo(port(this.ircTls));
			assertThat(chat.at("/details/line/tls").asBoolean()).isFalse();
		}
	}

	@Test
	void anIrcClientRegistersOverTls() throws Exception {
		String name = LineServer.uniqueName("ircsecure");
		try (ChatClient line = this.plain.connect()) {
			line.send("/register " + name + " password1").expect("OK register " + name);
		}
		try (ChatClient irc = new ChatClient(TestKeyStore.connect(port(this.ircTls)))) {
			irc.send("PASS password1\r");
			irc.send("NICK " + name + "\r");
			irc.send("USER " + name + " 0 * :TLS user\r");
			String line;
			do {
				line = irc.readLine();
			}
			while (line.startsWith(":parley NOTICE "));
			assertThat(line).startsWith(":parley 001 " + name + " :Welcome to the Parley network");
			irc.send("QUIT :bye\r");
		}
	}

	@Test
	void tls12IsOfferedAndTls11Refused() throws Exception {
		try (ChatClient tls12 = new ChatClient(TestKeyStore.connect(port(this.lineTls), "TLSv1.2"))) {
			tls12.expectPrefix("HELLO ");
			assertThat(((SSLSocket) tls12.socket()).getSession().getProtocol()).isEqualTo("TLSv1.2");
		}
		// The JDK's own client will not even offer TLS 1.1 (java.security disables it), so this is the
		// ClientHello of a client that offers nothing newer, byte by byte.
		try (Socket old = TestKeyStore.plain(port(this.lineTls))) {
			old.getOutputStream().write(tls11ClientHello());
			byte[] answer = readAll(old.getInputStream());
			// a fatal alert record (21) saying protocol_version (70), then the end
			assertThat(answer).hasSizeGreaterThanOrEqualTo(7);
			assertThat(answer[0]).isEqualTo((byte) 21);
			assertThat(answer[5]).isEqualTo((byte) 2);
			assertThat(answer[6]).isEqualTo((byte) 70);
		}
	}

	/** Mozilla's "intermediate" profile: TLS 1.2 with AEAD suites only, so a client offering CBC gets no session. */
	@Test
	void tls12KeepsToAeadSuitesAndRefusesACbcOnlyClient() throws Exception {
		try (SSLSocket cbc = (SSLSocket) TestKeyStore.clientContext()
			.getSocketFactory()
			.createSocket("localhost", port(this.lineTls))) {
			cbc.setSoTimeout((int) ChatClient.DEFAULT_WAIT.toMillis());
			cbc.setEnabledProtocols(new String[] { "TLSv1.2" });
			cbc.setEnabledCipherSuites(new String[] { "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
					"TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384" });
			assertThatThrownBy(cbc::startHandshake).isInstanceOf(SSLHandshakeException.class);
		}
		try (ChatClient tls12 = new ChatClient(TestKeyStore.connect(port(this.lineTls), "TLSv1.2"))) {
			tls12.expectPrefix("HELLO ");
			assertThat(((SSLSocket) tls12.socket()).getSession().getCipherSuite())
				.matches("TLS_ECDHE_ECDSA_WITH_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256)");
		}
	}

	@Test
	void plainTextOnTheTlsPortIsDroppedQuietlyAndHoldsNoThread(CapturedOutput output) throws Exception {
		int mark = output.getAll().length();
		int busyBefore = busyConnectionThreads();
		for (int i = 0; i < 5; i++) {
			try (Socket confused = TestKeyStore.plain(port(this.lineTls))) {
				confused.getOutputStream().write("/register mallory password1\n".getBytes(StandardCharsets.US_ASCII));
				readAll(confused.getInputStream());
			}
			try (Socket confused = TestKeyStore.plain(port(this.ircTls))) {
				confused.getOutputStream().write("NICK mallory\r\nUSER m 0 * :m\r\n".getBytes(StandardCharsets.US_ASCII));
				readAll(confused.getInputStream());
			}
		}
		if (busyBefore >= 0) {
			// no chat worker stays busy with them (on JDK 21+ workers are virtual threads, not counted)
			await().atMost(Duration.ofSeconds(10)).until(this::busyConnectionThreads, busy -> busy <= busyBefore);
		}
		// and the listener goes on serving
		String name = LineServer.uniqueName("after");
		try (ChatClient secure = TestKeyStore.connectLine(port(this.lineTls))) {
			secure.send("/register " + name + " password1").expect("OK register " + name);
		}
		QuietLog.assertQuietSince(output, mark);
	}

	/** Chat workers busy now, or -1 where they are virtual threads. */
	private int busyConnectionThreads() {
		return (this.chatWorkers instanceof ThreadPoolTaskExecutor pool) ? pool.getActiveCount() : -1;
	}

	private static int port(AbstractServerConnectionFactory factory) {
		await().atMost(Duration.ofSeconds(10)).until(factory::isListening);
		return factory.getPort();
	}

	/** Reads until the server closes, or resets. */
	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try {
			byte[] buffer = new byte[1024];
			int n;
			while ((n = in.read(buffer)) >= 0) {
				bytes.write(buffer, 0, n);
			}
		}
		catch (IOException ex) {
			if (!(ex instanceof java.net.SocketException)) {
				throw ex;
			}
		}
		return bytes.toByteArray();
	}

	/** A TLS 1.1 ClientHello (RFC 4346): version 3.2, no extensions, two cipher suites of its time. */
	private static byte[] tls11ClientHello() {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(3);
		body.write(2); // client_version TLS 1.1
		body.writeBytes(new byte[32]); // random
		body.write(0); // no session id
		body.writeBytes(new byte[] { 0, 4, 0x00, 0x2f, (byte) 0xc0, 0x13 }); // AES128-SHA, ECDHE-RSA-AES128-SHA
		body.writeBytes(new byte[] { 1, 0 }); // null compression only
		byte[] hello = body.toByteArray();
		ByteArrayOutputStream record = new ByteArrayOutputStream();
		record.writeBytes(new byte[] { 22, 3, 2 }); // handshake record, TLS 1.1
		int handshakeLength = 4 + hello.length;
		record.write(handshakeLength >> 8);
		record.write(handshakeLength);
		record.write(1); // client_hello
		record.writeBytes(new byte[] { 0, (byte) (hello.length >> 8), (byte) hello.length });
		record.writeBytes(hello);
		return record.toByteArray();
	}

}
