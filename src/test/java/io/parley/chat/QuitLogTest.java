package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * What a user says on leaving goes to the others, not into the operator's log: the logout line says {@code quit},
 * and nothing the client typed can start a forged line there (issue 12, item 6).
 */
@ParleyTest
@ExtendWith(OutputCaptureExtension.class)
class QuitLogTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	LineServer server;

	@Autowired
	IrcGateway irc;

	@Test
	void aLineQuitIsLoggedAsQuitWithoutItsText(CapturedOutput output) throws Exception {
		String name;
		try (ChatClient client = this.server.register("quitlog")) {
			name = client.name();
			client.send("/quit see you\u2028INFO forged-by-line\u001b[2J\u0007");
			client.expectPrefix("BYE ");
		}
		await().atMost(WAIT).until(() -> output.getAll().contains("logout " + name + " from "));
		assertThat(logoutLine(output.getAll(), name)).endsWith("(quit)");
		assertThat(output.getAll()).doesNotContain("forged-by-line", "\u2028", "\u001b[2J");
	}

	@Test
	void anIrcQuitIsLoggedAsQuitWithoutItsText(CapturedOutput output) throws Exception {
		String name;
		try (ChatClient registered = this.server.register("ircquitlog")) {
			name = registered.name();
		}
		// that session's own logout first, so that the next one is the IRC session's
		await().atMost(WAIT).until(() -> output.getAll().contains("logout " + name + " from "));
		int before = output.getAll().length();
		try (IrcSocket client = this.irc.logIn(name)) {
			client.send("QUIT :gone\u2028INFO forged-by-irc\u0085\u001b]0;title\u0007");
			String line;
			do {
				line = client.readLine();
			}
			while (!line.startsWith("ERROR "));
		}
		await().atMost(WAIT).until(() -> output.getAll().substring(before).contains("logout " + name + " from "));
		assertThat(logoutLine(output.getAll().substring(before), name)).endsWith("(quit)");
		assertThat(output.getAll()).doesNotContain("forged-by-irc", "\u2028", "\u001b]0");
	}

	private static String logoutLine(String output, String name) {
		return output.lines()
			.filter(line -> line.contains("logout " + name + " from "))
			.findFirst()
			.orElseThrow()
			.strip();
	}

}
