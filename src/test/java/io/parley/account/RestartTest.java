package io.parley.account;

import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.StandaloneParley;

/**
 * The server as an operator runs it: a file database, stopped and started again. Accounts live in the database,
 * not in the server. (What clients see of the shutdown itself: ServerLifecycleTest.)
 */
class RestartTest {

	private static final String BAD_CREDENTIALS = "ERR bad-credentials wrong name or password; try again or /register a new name";

	@TempDir
	Path dataDir;

	@Test
	void accountsAndChangedPasswordsSurviveARestart() throws Exception {
		String alice = LineServer.uniqueName("Alice");
		String bob = LineServer.uniqueName("bob");
		try (ConfigurableApplicationContext first = start()) {
			try (ChatClient client = StandaloneParley.connect(first)) {
				client.send("/register " + alice + " password1").expect("OK register " + alice);
			}
			try (ChatClient client = StandaloneParley.connect(first)) {
				client.send("/register " + bob + " password1").expect("OK register " + bob);
				client.send("/passwd password1 changed-it").expect("OK passwd");
			}
		}
		try (ConfigurableApplicationContext second = start()) {
			try (ChatClient client = StandaloneParley.connect(second)) {
				// looked up ignoring case, and shown as registered
				client.send("/login " + alice.toLowerCase(Locale.ROOT) + " password1").expect("OK login " + alice);
			}
			try (ChatClient client = StandaloneParley.connect(second)) {
				client.send("/login " + bob + " password1").expect(BAD_CREDENTIALS);
				client.send("/login " + bob + " changed-it").expect("OK login " + bob);
			}
			try (ChatClient client = StandaloneParley.connect(second)) {
				String upper = alice.toUpperCase(Locale.ROOT);
				client.send("/register " + upper + " password1").expect("ERR name-taken " + upper + " is taken; pick another name");
			}
		}
	}

	private ConfigurableApplicationContext start() {
		// the file database the way application.yml has it, in a directory of this test's own
		return StandaloneParley.start(
				"spring.datasource.url=jdbc:h2:file:" + this.dataDir.resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE");
	}

}
