package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * On platform threads (JDK 17, or virtual threads off as here) the lines the event loops read are handled by chat
 * workers from a pool with a ceiling, {@code parley.threads.max-workers}: 2 here. While both wait for a password
 * hash (one hashing thread, a slow cost), a third client's line waits on its loop, unread further, and is answered
 * once a worker is free: nothing is refused or lost, the wait is counted and logged, and with nothing to do the
 * workers go. Issue 23's ceiling, on the transport of issue 15 (it replaces the readers' ceiling: a connection no
 * longer holds a thread). Lines that never wait are handled on their loop and need no worker: the third client's
 * {@code /help} is not one of them.
 */
@ExtendWith(OutputCaptureExtension.class)
@ParleyTest(properties = { "spring.threads.virtual.enabled=false" })
// a @TestPropertySource of its own: ParleyTest's sets a fast BCrypt cost and wins over properties given to it
@TestPropertySource(properties = { "parley.threads.max-workers=2", "parley.threads.core-workers=0",
		"parley.threads.keep-alive=1s", "parley.accounts.bcrypt-cost=13", "parley.accounts.hash-threads=1" })
class WorkerCeilingTest {

	@Autowired
	LineServer server;

	@Autowired
	MeterRegistry meters;

	@Test
	void aLineThatFindsEveryWorkerBusyWaitsForOneAndIsAnswered(CapturedOutput output) throws Exception {
		try (ChatClient first = this.server.connect(); ChatClient second = this.server.connect();
				ChatClient third = this.server.connect()) {
			// two logins hold both workers while their hashes run, one after the other
			first.send("/login " + LineServer.uniqueName("nobody") + " wrong-password");
			second.send("/login " + LineServer.uniqueName("nobody") + " wrong-password");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.meters.get("parley.threads.pooled").tag("pool", "workers").gauge().value() == 2);
			// a line that needs a worker (a /ping would be answered on its event loop, parley.threads.lines-on-loops)
			third.send("/help ping");
			assertThat(third.readLine(Duration.ofSeconds(30))).startsWith("HELP /ping");
			assertThat(first.readLine(Duration.ofSeconds(30))).startsWith("ERR ");
			assertThat(second.readLine(Duration.ofSeconds(30))).startsWith("ERR ");
		}
		assertThat(this.meters.counter("parley.threads.refused", "pool", "workers").count()).isPositive();
		assertThat(output).contains("The workers pool is at its ceiling of 2 threads (parley.threads.max-workers)")
			.doesNotContain("Exception");
		// and with nothing to handle, the workers go
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.meters.get("parley.threads.pooled").tag("pool", "workers").gauge().value())
				.isZero());
	}

}
