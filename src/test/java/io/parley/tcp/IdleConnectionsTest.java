package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * Issue 15: a connection holds no thread. On platform threads (JDK 17, or virtual threads off as here) the blocking
 * transport parked a reader thread per connection for its life, so 200 idle clients were 200 more threads; on the
 * event loops they are none, and every one of them is still served.
 */
@ParleyTest(properties = "spring.threads.virtual.enabled=false")
class IdleConnectionsTest {

	private static final int CLIENTS = 200;

	/** Threads that may come for reasons of their own meanwhile: a chat worker, a JIT or GC helper, Tomcat. */
	private static final int TOLERANCE = 20;

	@Autowired
	LineServer server;

	@Test
	void idleConnectionsHoldNoThreadAndAreStillServed() throws Exception {
		// one client first, so what the first session starts once (a worker, a timer) is in the baseline
		try (ChatClient warmup = this.server.connect()) {
			warmup.send("/ping warm").expect("PONG warm");
		}
		int before = ManagementFactory.getThreadMXBean().getThreadCount();
		List<ChatClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < CLIENTS; i++) {
				clients.add(this.server.connect());
			}
			int during = ManagementFactory.getThreadMXBean().getThreadCount();
			assertThat(during - before).as("threads added by %d idle connections", CLIENTS).isLessThan(TOLERANCE);
			for (int i = 0; i < CLIENTS; i += 20) {
				clients.get(i).send("/ping " + i).expect("PONG " + i);
			}
		}
		finally {
			for (ChatClient client : clients) {
				client.close();
			}
		}
	}

}
