package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * The event loops handle a line themselves when it never waits (a message to someone online here, a room line,
 * {@code /ping}), and give every other line to a chat worker (a login, a message kept for an offline account, which
 * waits for the history's commit), the lines after it too: a client's replies keep the order of its lines across the
 * switch. {@code parley.lines.handled} counts both. Its own context (a property of its own), so only its clients
 * count.
 */
// no replay on join: an IRC join's replay reads the history on its worker after the join's replies, and a line
// sent meanwhile would wait for that worker
@ParleyTest(properties = { "parley.history.offline-cap=50", "parley.history.join-replay=0" })
class LinesOnEventLoopsTest {

	private final LineServer server;

	private final IrcGateway irc;

	private final AdminHttp http;

	private final MeterRegistry meters;

	@Autowired
	LinesOnEventLoopsTest(LineServer server, IrcGateway irc, AdminHttp http, MeterRegistry meters) {
		this.server = server;
		this.irc = irc;
		this.http = http;
		this.meters = meters;
	}

	@Test
	void messagesToSomeoneOnlineAreHandledOnTheLoopThatReadThem() throws Exception {
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			settled(alice);
			settled(bob);
			double onLoops = settledCount("event-loop");
			double onWorkers = settledCount("worker");
			StringBuilder burst = new StringBuilder();
			for (int i = 0; i < 40; i++) {
				burst.append("/msg ").append(bob.name()).append(" line ").append(i).append('\n');
			}
			burst.append("/ping end\n");
			alice.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));
			for (int i = 0; i < 40; i++) {
				bob.expect("MSG " + alice.name() + " line " + i);
			}
			alice.expect("PONG end");
			// 16 in a row on the loop at most, then the rest of what was read on a worker
			counted(() -> handled("event-loop") - onLoops + handled("worker") - onWorkers, 41);
			assertThat(handled("event-loop") - onLoops).isGreaterThanOrEqualTo(16);
		}
	}

	@Test
	void aLineThatMayWaitGoesToAWorkerWithTheLinesAfterItInOrder() throws Exception {
		String away = LineServer.uniqueName("away");
		try (ChatClient gone = this.server.connect()) {
			gone.send("/register " + away + " password1").expect("OK register " + away);
		}
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			double onWorkers = settledCount("worker");
			alice.sendRaw(("/msg " + bob.name() + " one\n/msg " + away + " kept\n/msg " + bob.name()
					+ " two\n/ping after\n").getBytes(StandardCharsets.UTF_8));
			// the message kept for later waits for its commit on a worker; what follows is not answered before it
			alice.expect("OK msg " + away + " queued");
			alice.expect("PONG after");
			bob.expect("MSG " + alice.name() + " one");
			bob.expect("MSG " + alice.name() + " two");
			await().atMost(Duration.ofSeconds(10)).until(() -> handled("worker") - onWorkers >= 1);
		}
	}

	@Test
	void ircMessagesToAChannelAndToANickOnlineAreHandledOnTheLoopALabeledOneOnAWorker() throws Exception {
		String room = LineServer.uniqueName("loops");
		try (ChatClient bob = this.server.register("bob"); IrcSocket erin = this.irc.logIn(this.http.createUser("erin"))) {
			bob.send("/join " + room).expect("OK join " + room);
			erin.send("JOIN #" + room);
			erin.readThrough("366");
			bob.expect("JOIN " + room + " " + erin.nick());
			erin.send("PING settled").readThrough("PONG"); // erin's worker is done with its join
			double onLoops = settledCount("event-loop");
			double onWorkers = settledCount("worker");
			erin.send("PRIVMSG #" + room + " :to the room").send("PRIVMSG " + bob.name() + " :to bob");
			bob.expect("ROOM " + room + " " + erin.nick() + " to the room");
			bob.expect("MSG " + erin.nick() + " to bob");
			counted(() -> handled("event-loop") - onLoops, 2);
			// a labeled line's replies go out as one response: it is never handled halfway on a loop
			erin.send("@label=l1 PRIVMSG " + bob.name() + " :labeled");
			bob.expect("MSG " + erin.nick() + " labeled");
			counted(() -> handled("worker") - onWorkers, 1);
		}
	}

	@Test
	void aLineToAModeratedRoomGoesToAWorkerAsItsSpeakerMayBeLookedUp() throws Exception {
		String room = LineServer.uniqueName("hushed");
		try (ChatClient owner = this.server.register("owner"); ChatClient bob = this.server.register("bob")) {
			LineServer.joinAll(room, owner, bob);
			owner.send("/flags " + room + " +moderated").expect("FLAG " + room + " " + owner.name() + " +moderated");
			bob.expect("FLAG " + room + " " + owner.name() + " +moderated");
			double onLoops = settledCount("event-loop");
			double onWorkers = settledCount("worker");
			bob.send("/say " + room + " may I?")
				.expectPrefix("ERR ");
			owner.send("/say " + room + " you may not");
			bob.expect("ROOM " + room + " " + owner.name() + " you may not");
			counted(() -> handled("worker") - onWorkers, 2);
			assertThat(handled("event-loop") - onLoops).isZero();
		}
	}

	/** A line is counted once handled, just after the deliveries it made: the count may trail what a client read. */
	private static void counted(DoubleSupplier count, double expected) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(count.getAsDouble()).isEqualTo(expected));
	}

	/** A round trip: whatever the client's login left its worker to do is done. */
	private static void settled(ChatClient client) throws Exception {
		client.send("/ping settled").expect("PONG settled");
	}

	/**
	 * The count once the lines before have all been counted: a line is counted just after its replies, so the last
	 * reply a client read may be ahead of its count.
	 */
	private double settledCount(String thread) {
		AtomicReference<Double> last = new AtomicReference<>(handled(thread));
		await().atMost(Duration.ofSeconds(10))
			.pollDelay(Duration.ofMillis(200))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				double now = handled(thread);
				return now == last.getAndSet(now);
			});
		return last.get();
	}

	private double handled(String thread) {
		return this.meters.get("parley.lines.handled").tag("thread", thread).counter().count();
	}

}
