package io.parley.tcp;

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

/** The ugly cases: resets, clients killed mid-line, garbage, over-long lines, half-closes. */
@ParleyTest
@ExtendWith(OutputCaptureExtension.class)
class RobustnessTest {

	@Autowired
	LineServer server;

	@Test
	void aResetEndsTheSessionQuietlyAndOthersSeeLeave(CapturedOutput output) throws Exception {
		String room = LineServer.uniqueName("reset");
		try (ChatClient stays = this.server.register("stays"); ChatClient goes = this.server.register("goes")) {
			stays.send("/join " + room).expect("OK join " + room);
			goes.send("/join " + room).expect("OK join " + room);
			stays.expect("JOIN " + room + " " + goes.name());
			goes.reset();
			stays.expect("LEAVE " + room + " " + goes.name());
			stays.send("/ping still-here").expect("PONG still-here");
		}
		QuietLog.assertQuiet(output);
	}

	@Test
	void aClientKilledMidLineLosesOnlyItsUnfinishedLine(CapturedOutput output) throws Exception {
		String room = LineServer.uniqueName("midline");
		try (ChatClient stays = this.server.register("stays"); ChatClient dies = this.server.register("dies")) {
			stays.send("/join " + room).expect("OK join " + room);
			dies.send("/join " + room).expect("OK join " + room);
			stays.expect("JOIN " + room + " " + dies.name());
			dies.sendRaw("complete line\nhalf a li".getBytes(StandardCharsets.UTF_8));
			stays.expect("ROOM " + room + " " + dies.name() + " complete line");
			dies.close();
			stays.expect("LEAVE " + room + " " + dies.name());
			stays.expectNothing(Duration.ofMillis(300));
		}
		QuietLog.assertQuiet(output);
	}

	@Test
	void garbageBytesNeverCostTheConnection(CapturedOutput output) throws Exception {
		String room = LineServer.uniqueName("garbage");
		try (ChatClient sender = this.server.register("sender"); ChatClient reader = this.server.register("reader")) {
			sender.send("/join " + room).expect("OK join " + room);
			reader.send("/join " + room).expect("OK join " + room);
			sender.expect("JOIN " + room + " " + reader.name());
			sender.sendRaw(new byte[] { 'a', 0, (byte) 0xff, (byte) 0xfe, 0x1b, '[', '2', 'J', '\t', 'b', 0x7f,
					(byte) 0xc2, (byte) 0x9b, 'c', '\n' });
			reader.expect("ROOM " + room + " " + sender.name() + " a\uFFFD\uFFFD[2J bc");
			sender.sendRaw(new byte[] { '/', (byte) 0xff, 0, '\n' });
			sender.expectPrefix("ERR unknown-command ");
			sender.send("/ping ok").expect("PONG ok");
		}
		QuietLog.assertQuiet(output);
	}

	@Test
	void anOverLongLineIsRefusedAndTheConnectionGoesOn() throws Exception {
		try (ChatClient client = this.server.connect()) {
			client.send("/ping " + "x".repeat(4096 - 6)).expect("PONG " + "x".repeat(4090));
			client.send("/ping " + "x".repeat(4096 - 5))
				.expect("ERR line-too-long a line is at most 4096 bytes; that one had 4097 and was dropped");
			client.send("y".repeat(1_000_000)).expectPrefix("ERR line-too-long ");
			client.sendRaw("/ping crlf\r\n".getBytes(StandardCharsets.UTF_8)).expect("PONG crlf");
		}
	}

	@Test
	void aHalfClosingClientGetsEveryReplyThenBye() throws Exception {
		try (ChatClient client = this.server.connect()) {
			client.send("/ping a").send("/ping b").shutdownOutput();
			client.expect("PONG a");
			client.expect("PONG b");
			client.expect("BYE end-of-input");
			client.expectClosed(Duration.ofSeconds(5));
		}
	}

}
