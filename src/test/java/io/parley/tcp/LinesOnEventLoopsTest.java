package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

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
@ParleyTest(properties = "parley.history.offline-cap=50")
class LinesOnEventLoopsTest {

	@Autowired
	LineServer server;

	@Autowired
	IrcGateway irc;

	@Autowired
	AdminHttp http;

	@Autowired
	MeterRegistry meters;

	@Test
	void messagesToSomeoneOnlineAreHandledOnTheLoopThatReadThem() throws Exception {
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			double onLoops = handled("event-loop");
			double onWorkers = handled("worker");
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
			double loops = handled("event-loop") - onLoops;
			assertThat(loops).isGreaterThanOrEqualTo(16);
			assertThat(loops + handled("worker") - onWorkers).isEqualTo(41);
		}
	}

	@Test
	void aLineThatMayWaitGoesToAWorkerWithTheLinesAfterItInOrder() throws Exception {
		String away = LineServer.uniqueName("away");
		try (ChatClient gone = this.server.connect()) {
			gone.send("/register " + away + " password1").expect("OK register " + away);
		}
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			double onWorkers = handled("worker");
			alice.sendRaw(("/msg " + bob.name() + " one\n/msg " + away + " kept\n/msg " + bob.name()
					+ " two\n/ping after\n").getBytes(StandardCharsets.UTF_8));
			// the message kept for later waits for its commit on a worker; what follows is not answered before it
			alice.expect("OK msg " + away + " queued");
			alice.expect("PONG after");
			bob.expect("MSG " + alice.name() + " one");
			bob.expect("MSG " + alice.name() + " two");
			assertThat(handled("worker") - onWorkers).isGreaterThanOrEqualTo(1);
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
			double onLoops = handled("event-loop");
			double onWorkers = handled("worker");
			erin.send("PRIVMSG #" + room + " :to the room").send("PRIVMSG " + bob.name() + " :to bob");
			bob.expect("ROOM " + room + " " + erin.nick() + " to the room");
			bob.expect("MSG " + erin.nick() + " to bob");
			assertThat(handled("event-loop") - onLoops).isEqualTo(2);
			// a labeled line's replies go out as one response: it is never handled halfway on a loop
			erin.send("@label=l1 PRIVMSG " + bob.name() + " :labeled");
			bob.expect("MSG " + erin.nick() + " labeled");
			assertThat(handled("worker") - onWorkers).isEqualTo(1);
		}
	}

	@Test
	void aLineToAModeratedRoomGoesToAWorkerAsItsSpeakerMayBeLookedUp() throws Exception {
		String room = LineServer.uniqueName("hushed");
		try (ChatClient owner = this.server.register("owner"); ChatClient bob = this.server.register("bob")) {
			LineServer.joinAll(room, owner, bob);
			owner.send("/flags " + room + " +moderated").expect("FLAG " + room + " " + owner.name() + " +moderated");
			bob.expect("FLAG " + room + " " + owner.name() + " +moderated");
			double onLoops = handled("event-loop");
			double onWorkers = handled("worker");
			bob.send("/say " + room + " may I?")
				.expectPrefix("ERR ");
			owner.send("/say " + room + " you may not");
			bob.expect("ROOM " + room + " " + owner.name() + " you may not");
			assertThat(handled("worker") - onWorkers).isEqualTo(2);
			assertThat(handled("event-loop") - onLoops).isZero();
		}
	}

	private double handled(String thread) {
		return this.meters.get("parley.lines.handled").tag("thread", thread).counter().count();
	}

}
