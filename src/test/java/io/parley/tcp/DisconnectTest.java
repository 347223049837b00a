package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;
import io.parley.support.QuietLog;

/**
 * Clients that go away at awkward moments, beyond RobustnessTest's plain cases: reset while lines are on their
 * way to them, reset mid-line, gone before they were greeted, half-closed after a burst. Their sessions end, the
 * others are told, the server goes on, and none of it is a warning or an error in the log.
 */
@ParleyTest
@ExtendWith(OutputCaptureExtension.class)
class DisconnectTest {

	private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

	private static final int BURST = 1000;

	@Autowired
	LineServer server;

	@Test
	void aResetWhileLinesAreBeingDeliveredToItIsQuiet(CapturedOutput output) throws Exception {
		String room = LineServer.uniqueName("flood");
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob");
				ChatClient carol = this.server.register("carol")) {
			LineServer.joinAll(room, alice, bob, carol);
			StringBuilder burst = new StringBuilder();
			for (int i = 0; i < BURST; i++) {
				burst.append(burstLine(i)).append('\n');
			}
			alice.sendRaw(burst.toString().getBytes(StandardCharsets.US_ASCII));
			// carol goes while most of the burst is still to be written to her
			carol.expect(roomLine(room, alice, 0));
			carol.reset();

			String leave = "LEAVE " + room + " " + carol.name();
			boolean left = false;
			for (int i = 0; i < BURST; i++) {
				String line = bob.readLine();
				if (!left && line.equals(leave)) {
					left = true;
					line = bob.readLine();
				}
				assertThat(line).isEqualTo(roomLine(room, alice, i));
			}
			if (!left) {
				bob.expect(leave);
			}
			alice.expect(leave);
			assertServerStillServes();
		}
		QuietLog.assertQuiet(output);
	}

	@Test
	void aClientResetMidLineLeavesWithoutTheHalfLine(CapturedOutput output) throws Exception {
		String room = LineServer.uniqueName("midreset");
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			LineServer.joinAll(room, alice, bob);
			bob.sendRaw(("/say " + room + " half a li").getBytes(StandardCharsets.US_ASCII));
			bob.reset();
			alice.expect("LEAVE " + room + " " + bob.name());
			alice.expectNothing(Duration.ofMillis(300));
			assertServerStillServes();
		}
		QuietLog.assertQuiet(output);
	}

	@Test
	void anonymousClientsThatResetOrCloseAreQuietToo(CapturedOutput output) throws Exception {
		try (ChatClient midLine = this.server.connect()) {
			midLine.sendRaw("/pi".getBytes(StandardCharsets.US_ASCII));
			midLine.reset();
		}
		try (ChatClient unreadReply = this.server.connect()) {
			// closed with its PONG unread, or still on its way: either makes the server's write fail
			unreadReply.send("/ping x");
		}
		try (ChatClient ungreeted = new ChatClient("localhost", this.server.port())) {
			// gone before the server wrote its HELLO
			ungreeted.reset();
		}
		assertServerStillServes();
		QuietLog.assertQuiet(output);
	}

	@Test
	void halfClosingAfterABurstAnswersEveryLineAndDropsAnUnfinishedLastOne() throws Exception {
		try (ChatClient client = this.server.connect()) {
			StringBuilder lines = new StringBuilder();
			for (int i = 0; i < BURST; i++) {
				lines.append("/ping ").append(i).append('\n');
			}
			lines.append("/ping unfinished");
			client.sendRaw(lines.toString().getBytes(StandardCharsets.US_ASCII));
			client.shutdownOutput();
			for (int i = 0; i < BURST; i++) {
				client.expect("PONG " + i);
			}
			client.expect("BYE end-of-input");
			client.expectClosed(CLOSE_WAIT);
		}
	}

	@Test
	void aMemberThatHalfClosesIsHeardThenLeaves() throws Exception {
		String room = LineServer.uniqueName("halfclose");
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			LineServer.joinAll(room, alice, bob);
			bob.send("last words").shutdownOutput();
			alice.expect("ROOM " + room + " " + bob.name() + " last words");
			alice.expect("LEAVE " + room + " " + bob.name());
			bob.expect("BYE end-of-input");
			bob.expectClosed(CLOSE_WAIT);
		}
	}

	private void assertServerStillServes() throws IOException {
		try (ChatClient fresh = this.server.register("fresh")) {
			fresh.send("/ping alive").expect("PONG alive");
		}
	}

	private static String burstLine(int i) {
		return "line " + i + " " + "y".repeat(100);
	}

	private static String roomLine(String room, ChatClient from, int i) {
		return "ROOM " + room + " " + from.name() + " " + burstLine(i);
	}

}
