package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.parley.support.BulkRead;
import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;
import io.parley.support.TestKeyStore;

/**
 * Writes over TLS never block either (issue 15): the event loop encrypts what a session's queue holds and keeps
 * what the socket does not take for {@code OP_WRITE}. A TLS member that never reads fills its socket, then its
 * queue (64 KB here), and is cut; meanwhile a TLS member and a plain member that read get every line in order.
 */
@ParleyTest(properties = { "parley.sessions.send-queue-bytes=64KB", "parley.sessions.close-grace=1s" })
class TlsSlowReaderTest {

	private static final String PADDING = "x".repeat(1000);

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) {
		TestKeyStore.tlsListeners(registry);
	}

	@Autowired
	LineServer plain;

	@Autowired
	@Qualifier("lineTlsServerFactory")
	AbstractServerConnectionFactory lineTls;

	@Test
	void aTlsMemberThatNeverReadsIsCutWhileTheOthersGetEveryLine() throws Exception {
		String room = LineServer.uniqueName("tlsbusy");
		try (ChatClient reader = tlsMember("reader", room); ChatClient stuck = tlsMember("stuck", room);
				ChatClient fast = this.plain.register("fast"); ChatClient sender = this.plain.register("sender")) {
			fast.send("/join " + room).expect("OK join " + room);
			sender.send("/join " + room).expect("OK join " + room);
			String leave = "LEAVE " + room + " " + stuck.name();
			int lines = 0;
			boolean cut = false;
			// a line at a time, read by the members that read before the next, until the stuck member is cut
			while (!cut) {
				assertThat(lines).as("lines before the stuck member was cut").isLessThan(5_000);
				sender.send("/say " + room + " " + lines + " " + PADDING);
				String expected = roomLine(room, sender, lines);
				for (ChatClient member : new ChatClient[] { fast, reader }) {
					String line = member.readLine(Duration.ofSeconds(5));
					while (line.startsWith("JOIN ")) {
						line = member.readLine(Duration.ofSeconds(5));
					}
					if (line.equals(leave)) {
						cut = true;
						line = member.readLine(Duration.ofSeconds(5));
					}
					assertThat(line).isEqualTo(expected);
				}
				lines++;
			}
			// what the stuck member was written before it was cut (its BYE only if the socket took it within the close
			// grace): the room's lines from the first, in order, whole
			int next = 0;
			for (String line : BulkRead.untilClosed(stuck, Duration.ofSeconds(10)).split("\n")) {
				if (line.startsWith("ROOM ")) {
					assertThat(line).isEqualTo(roomLine(room, sender, next++));
				}
				else {
					assertThat(line).matches("JOIN .*|BYE send-queue-exceeded");
				}
			}
			assertThat(next).as("lines the stuck member got").isPositive().isLessThan(lines);
		}
	}

	/** A member over TLS that has joined the room and read its confirmation. */
	private ChatClient tlsMember(String prefix, String room) throws Exception {
		String name = LineServer.uniqueName(prefix);
		await().atMost(Duration.ofSeconds(10)).until(this.lineTls::isListening);
		ChatClient client = TestKeyStore.connectLine(this.lineTls.getPort());
		client.send("/register " + name + " password1").expect("OK register " + name);
		client.send("/join " + room).expect("OK join " + room);
		client.name(name);
		return client;
	}

	private static String roomLine(String room, ChatClient sender, int n) {
		return "ROOM " + room + " " + sender.name() + " " + n + " " + PADDING;
	}

}
