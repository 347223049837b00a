package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * Many lines in one packet: the reader handles them all before the writers it fills run, so what they cause
 * goes out in few writes; it must still arrive whole and in order, both to the sender and to the room.
 */
@ParleyTest
class BurstTest {

	private static final int LINES = 2000;

	@Autowired
	LineServer server;

	@Test
	void aBurstOfLinesArrivesCompleteAndInOrder() throws Exception {
		String room = LineServer.uniqueName("burst");
		try (ChatClient sender = this.server.register("burster"); ChatClient member = this.server.register("member")) {
			LineServer.joinAll(room, sender, member);
			StringBuilder burst = new StringBuilder();
			for (int n = 0; n < LINES; n++) {
				burst.append("/say ").append(room).append(' ').append(n).append('\n');
				burst.append("/ping ").append(n).append('\n');
			}
			sender.sendRaw(burst.toString().getBytes(StandardCharsets.US_ASCII));
			for (int n = 0; n < LINES; n++) {
				assertThat(member.readLine()).isEqualTo("ROOM " + room + " " + sender.name() + " " + n);
				assertThat(sender.readLine()).isEqualTo("PONG " + n);
			}
			// nothing is left behind in a held queue: a last line with nothing after it still arrives
			sender.send("/say " + room + " last");
			member.expect("ROOM " + room + " " + sender.name() + " last");
		}
	}

}
