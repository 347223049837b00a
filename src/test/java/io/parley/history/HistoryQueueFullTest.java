package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * The writer's queue full (here it holds one message): chat goes on whole, and what the history could not keep is
 * counted in {@code parley.history.dropped{reason=queue-full}}; every message is either stored or counted.
 */
@ParleyTest(properties = "parley.history.queue-capacity=1")
class HistoryQueueFullTest {

	@Autowired
	LineServer server;

	@Autowired
	MeterRegistry meters;

	@Test
	void aFullQueueDropsFromTheHistoryNotFromTheChat() throws Exception {
		String room = LineServer.uniqueName("flood");
		int lines = 2000;
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			LineServer.joinAll(room, alice, bob);
			StringBuilder burst = new StringBuilder();
			for (int i = 0; i < lines; i++) {
				burst.append("/say ").append(room).append(" n").append(i).append('\n');
			}
			alice.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));
			for (int i = 0; i < lines; i++) {
				bob.expect("ROOM " + room + " " + alice.name() + " n" + i);
			}
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(stored() + dropped()).isEqualTo(lines));
			assertThat(dropped()).isPositive();
		}
	}

	private double dropped() {
		var counter = this.meters.find("parley.history.dropped").tag("reason", "queue-full").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double stored() {
		var counter = this.meters.find("parley.history.stored").counter();
		return (counter != null) ? counter.count() : 0;
	}

}
