package io.parley.tcp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/** A line ends at LF, CR LF or a lone CR, on both protocols (README, "Rules"). */
@ParleyTest
class LineEndsTest {

	@Autowired
	LineServer server;

	@Autowired
	IrcGateway irc;

	@Test
	void aLoneCrEndsALineOfTheLineProtocol() throws Exception {
		try (ChatClient sender = this.server.register("cr"); ChatClient reader = this.server.register("crreader")) {
			LineServer.joinAll("cr-room", sender, reader);
			sender.sendRaw("a\rb\r/ping x\r".getBytes(StandardCharsets.US_ASCII));
			sender.expect("PONG x");
			reader.expect("ROOM cr-room " + sender.name() + " a");
			reader.expect("ROOM cr-room " + sender.name() + " b");
			// CR LF is still one line end, and an LF after a CR that came alone is not an empty line
			sender.sendRaw("/ping y\r\n/ping z\r".getBytes(StandardCharsets.US_ASCII));
			sender.sendRaw("\n/ping w\n".getBytes(StandardCharsets.US_ASCII));
			sender.expect("PONG y");
			sender.expect("PONG z");
			sender.expect("PONG w");
			reader.expectNothing(Duration.ofMillis(300));
		}
	}

	@Test
	void aLoneCrEndsALineOfIrc() throws Exception {
		try (IrcSocket client = this.irc.connect()) {
			client.send("PING :one\rPING :two\rPING :three");
			client.expect(":parley PONG parley :one");
			client.expect(":parley PONG parley :two");
			client.expect(":parley PONG parley :three");
		}
	}

}
