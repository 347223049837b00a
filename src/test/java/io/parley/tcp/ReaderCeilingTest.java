package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * On platform threads (JDK 17, or virtual threads off as here) a connection takes a reader thread for its life,
 * from a pool with a ceiling, {@code parley.threads.max-readers}: 8 here, two of them the line and IRC accept
 * loops. A connection past it is told {@code BYE server-busy} and closed, counted and logged; once a connection
 * ends, its thread takes the next one. Issue 23: the pool had no ceiling.
 */
@ExtendWith(OutputCaptureExtension.class)
@ParleyTest(properties = { "spring.threads.virtual.enabled=false", "parley.threads.max-readers=8",
		"parley.threads.keep-alive=1s" })
class ReaderCeilingTest {

	private static final int ACCEPT_LOOPS = 2;

	private static final int MAX_READERS = 8;

	@Autowired
	LineServer server;

	@Autowired
	MeterRegistry meters;

	@Test
	void aConnectionPastTheReadersCeilingIsToldServerBusyAndTheNextFreeThreadTakesALaterOne(CapturedOutput output)
			throws Exception {
		List<ChatClient> held = new ArrayList<>();
		try {
			for (int i = 0; i < MAX_READERS - ACCEPT_LOOPS; i++) {
				held.add(this.server.connect());
			}
			try (ChatClient refused = new ChatClient("localhost", this.server.port())) {
				refused.expect("BYE server-busy");
				refused.expectClosed(Duration.ofSeconds(5));
			}
			assertThat(this.meters.counter("parley.threads.refused", "pool", "readers").count()).isEqualTo(1);
			assertThat(this.meters.counter("parley.sessions.cut", "reason", "server-busy").count()).isEqualTo(1);
			assertThat(output).contains("The readers pool is at its ceiling of 8 threads (parley.threads.max-readers)")
				.doesNotContain("Exception");
			held.remove(0).send("/quit").expect("BYE quit");
			// the quitting connection's reader goes back to the pool once its close is seen
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				try (ChatClient next = new ChatClient("localhost", this.server.port())) {
					next.expectPrefix("HELLO ");
				}
			});
		}
		finally {
			for (ChatClient client : held) {
				client.close();
			}
		}
		// and with nothing to read, the readers go too: only the accept loops stay
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.meters.get("parley.threads.pooled").tag("pool", "readers").gauge().value())
				.isEqualTo(ACCEPT_LOOPS));
	}

}
