package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * Arbitrary lines through the whole line-protocol path of a running server (codec, command table, the
 * dispatcher's login and arity checks, the handlers) from a logged-in session: every line is answered with
 * a line of a documented kind, never {@code ERR internal-error}, and the session answers a {@code /ping}
 * after it unless the line was a {@code /quit}. Runs the checked-in corpus under
 * {@code CommandDispatchFuzzTestInputs} in every build; fuzzes for real with {@code JAZZER_FUZZ=1}.
 */
@ParleyTest
class CommandDispatchFuzzTest {

	// every server line of README's protocol reference: chat, room rules (issue 16), history (17), files (20)
	private static final String KINDS = "^(OK|ERR|MSG|ROOM|ALL|NOTICE|JOIN|LEAVE|WHO|WHO\\+|ROOMS|ROOMS\\+|PONG|HELP|BYE"
			+ "|TOPIC|ROLE|FLAG|BAN|UNBAN|MUTE|UNMUTE|ALLOW|DISALLOW|KICK|INVITE|INFO|HISTORY|HIST|HISTORY-END|FILE)( .*)?$";

	private static final AtomicLong tokens = new AtomicLong();

	@Autowired
	private LineServer server;

	private ChatClient client;

	@AfterEach
	void disconnect() throws IOException {
		if (this.client != null) {
			this.client.close();
		}
	}

	@FuzzTest(maxDuration = "30s")
	void everyLineGetsADefinedAnswer(byte[] input) throws IOException {
		// the test's own connections to the server under test, which Jazzer would take for request forgery
		BugDetectors.allowNetworkConnections((host, port) -> port == this.server.port());
		if (this.client == null) {
			this.client = this.server.register("fuzz");
		}
		// one line: the framing has a fuzz test of its own
		String line = new String(input, StandardCharsets.UTF_8).replace('\n', ' ').replace('\r', ' ');
		String token = "t" + tokens.incrementAndGet();
		this.client.send(line).send("/ping " + token);
		String reply;
		do {
			reply = this.client.readLine(ChatClient.DEFAULT_WAIT);
			if (reply == null) {
				// the line ended the session (/quit): the server said BYE first, checked below
				this.client.close();
				this.client = null;
				return;
			}
			assertThat(reply).matches(KINDS).doesNotStartWith("ERR internal-error");
		}
		while (!reply.equals("PONG " + token) && !reply.startsWith("BYE "));
		if (reply.startsWith("BYE ")) {
			this.client.close();
			this.client = null;
		}
	}

}
