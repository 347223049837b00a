package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;
import io.parley.support.QuietLog;

/**
 * A thousand clients gone at once, half closing and half resetting, some logged in and in a room: the server
 * goes on serving, the live-sessions gauge returns to where it was, every opened connection is counted closed,
 * and nothing is logged above INFO.
 */
// connecting a thousand clients can take longer than the login timeout on a busy machine
@ParleyTest(properties = "parley.sessions.login-timeout=10m")
@ExtendWith(OutputCaptureExtension.class)
class MassDisconnectTest {

	private static final int CLIENTS = 1000;

	private static final int LOGGED_IN = 50;

	@Autowired
	LineServer server;

	@Autowired
	AdminHttp http;

	@Test
	void aThousandClientsLeavingAtOnceLeaveNoTrace(CapturedOutput output) throws Exception {
		// other test classes' sessions may still be ending in a shared context: start from a settled gauge
		double liveBefore = settledLiveSessions();
		double openedBefore = counter("parley.connections.opened");
		double closedBefore = counter("parley.connections.closed");
		List<ChatClient> clients = new ArrayList<>();
		try (ChatClient witness = this.server.register("witness")) {
			witness.send("/join mass").expect("OK join mass");
			for (int i = 0; i < LOGGED_IN; i++) {
				clients.add(joined(this.server.register("mass")));
			}
			clients.addAll(IntStream.range(LOGGED_IN, CLIENTS).parallel().mapToObj(i -> connect()).toList());
			await().atMost(Duration.ofSeconds(60)).until(() -> live() >= liveBefore + CLIENTS + 1);
			// drain the witness's JOIN lines, so what follows is about the disconnects
			witness.send("/ping joined");
			while (!witness.readLine().equals("PONG joined")) {
				// JOIN mass massN
			}
			for (int i = 0; i < CLIENTS; i++) {
				if (i % 2 == 0) {
					clients.get(i).reset();
				}
				else {
					clients.get(i).close();
				}
			}
			await().atMost(Duration.ofSeconds(60)).until(() -> live() == liveBefore + 1);
			// the room saw every logged-in member leave, and the server still answers
			for (int i = 0; i < LOGGED_IN; i++) {
				witness.expectPrefix("LEAVE mass mass");
			}
			witness.send("/who mass").expect("WHO mass " + witness.name());
			try (ChatClient newcomer = this.server.register("after")) {
				newcomer.send("/msg " + witness.name() + " still here");
				witness.expect("MSG " + newcomer.name() + " still here");
			}
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> live() == liveBefore);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(counter("parley.connections.closed") - closedBefore)
				.isEqualTo(counter("parley.connections.opened") - openedBefore)
				.isGreaterThanOrEqualTo(CLIENTS + 2));
		QuietLog.assertQuiet(output);
	}

	private ChatClient connect() {
		try {
			return this.server.connect();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ChatClient joined(ChatClient client) throws Exception {
		client.send("/join mass").expect("OK join mass");
		return client;
	}

	private double settledLiveSessions() {
		double[] last = { -1 };
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			double now = live();
			boolean same = now == last[0];
			last[0] = now;
			return same;
		});
		return last[0];
	}

	private double live() {
		return measurement("parley.sessions.live?tag=protocol:line");
	}

	private double counter(String name) {
		return measurement(name + "?tag=protocol:line");
	}

	private double measurement(String meter) {
		AdminHttp.Response response = this.http.admin().get("/actuator/metrics/" + meter);
		// a counter appears once it has counted something
		return response.status() == 404 ? 0 : response.json().at("/measurements/0/value").asDouble();
	}

}
