package io.parley.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.ChatClient;
import io.parley.support.ParleyTest;
import io.parley.support.LineServer;

/** Registration, login and password changes over the line protocol, with every error they can give. */
@ParleyTest
class AccountCommandsTest {

	private static final String BAD_NAME = "ERR bad-name a name is 2-32 letters, digits, _ or -, starting with a letter";

	private static final String WEAK_PASSWORD = "ERR weak-password a password is 8-128 characters without spaces";

	private static final String BAD_CREDENTIALS = "ERR bad-credentials wrong name or password; try again or /register a new name";

	@Autowired
	LineServer server;

	@Test
	void registeredUserLogsInOnANewConnectionUnderTheNameAsRegistered() throws Exception {
		String name = LineServer.uniqueName("Mixed");
		try (ChatClient first = this.server.connect()) {
			first.send("/register " + name + " password1");
			first.expect("OK register " + name);
		}
		try (ChatClient second = this.server.connect()) {
			second.send("/login " + name.toLowerCase(Locale.ROOT) + " password1");
			second.expect("OK login " + name);
			second.send("/who");
			assertThat(second.readLine()).startsWith("WHO * ").contains(" " + name);
		}
	}

	@Test
	void namesAreTakenIgnoringCase() throws Exception {
		try (ChatClient owner = this.server.register("taken"); ChatClient other = this.server.connect()) {
			String upper = owner.name().toUpperCase(Locale.ROOT);
			other.send("/register " + upper + " password2");
			other.expect("ERR name-taken " + upper + " is taken; pick another name");
			other.send("/register " + owner.name() + " password2");
			other.expect("ERR name-taken " + owner.name() + " is taken; pick another name");
		}
	}

	@Test
	void concurrentRegistrationsOfOneNameLetExactlyOneWin() throws Exception {
		String name = LineServer.uniqueName("race");
		List<String> spellings = List.of(name, name.toUpperCase(Locale.ROOT), name, "R" + name.substring(1),
				name.toUpperCase(Locale.ROOT), name);
		List<ChatClient> clients = new ArrayList<>();
		ExecutorService executor = Executors.newFixedThreadPool(spellings.size());
		try {
			for (int i = 0; i < spellings.size(); i++) {
				clients.add(this.server.connect());
			}
			CountDownLatch go = new CountDownLatch(1);
			List<CompletableFuture<String>> replies = new ArrayList<>();
			for (int i = 0; i < spellings.size(); i++) {
				ChatClient client = clients.get(i);
				String spelling = spellings.get(i);
				replies.add(CompletableFuture.supplyAsync(() -> {
					try {
						go.await();
						client.send("/register " + spelling + " password1");
						return client.readLine();
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				}, executor));
			}
			go.countDown();
			List<String> lines = new ArrayList<>();
			for (int i = 0; i < replies.size(); i++) {
				lines.add(replies.get(i).get(15, TimeUnit.SECONDS));
			}
			assertThat(lines.stream().filter(line -> line.startsWith("OK register "))).hasSize(1);
			for (int i = 0; i < lines.size(); i++) {
				if (!lines.get(i).startsWith("OK register ")) {
					assertThat(lines.get(i)).isEqualTo("ERR name-taken " + spellings.get(i) + " is taken; pick another name");
				}
				else {
					assertThat(lines.get(i)).isEqualTo("OK register " + spellings.get(i));
				}
			}
		}
		finally {
			executor.shutdownNow();
			for (ChatClient client : clients) {
				client.close();
			}
		}
	}

	@Test
	void namesMustBeAsciiLetterThenLettersDigitsUnderscoreOrDash() throws Exception {
		try (ChatClient client = this.server.connect()) {
			for (String bad : List.of("1abc", "a", "_abc", "-abc", "ab.c", "ab@c", "\u00e9mile",
					"a" + "b".repeat(32))) {
				client.send("/register " + bad + " password1");
				client.expect(BAD_NAME);
			}
			String longest = LineServer.uniqueName("L");
			longest = longest + "x".repeat(32 - longest.length());
			client.send("/register " + longest + " password1");
			client.expect("OK register " + longest);
		}
		try (ChatClient client = this.server.connect()) {
			// two characters, the shortest there is; no generated name is this short
			client.send("/register z_ password1");
			client.expect("OK register z_");
		}
		try (ChatClient client = this.server.connect()) {
			String name = "Z" + LineServer.uniqueName("-_");
			client.send("/register " + name + " password1");
			client.expect("OK register " + name);
		}
	}

	@Test
	void passwordsAreEightTo128CharactersWithoutWhitespace() throws Exception {
		try (ChatClient client = this.server.connect()) {
			String name = LineServer.uniqueName("pw");
			for (String weak : List.of("short7c", "x".repeat(129), "tab\tinside", "nbsp\u2003inside")) {
				client.send("/register " + name + " " + weak);
				client.expect(WEAK_PASSWORD);
			}
			client.send("/register " + name + " " + "x".repeat(128));
			client.expect("OK register " + name);
		}
		try (ChatClient client = this.server.connect()) {
			String name = LineServer.uniqueName("pw");
			client.send("/register " + name + " eight8ch");
			client.expect("OK register " + name);
		}
	}

	@Test
	void longPasswordsWorkForRegisterLoginAndPasswd() throws Exception {
		String long100 = "p".repeat(100);
		String accented = "\u00e9".repeat(60);
		try (ChatClient client = this.server.connect()) {
			String name = LineServer.uniqueName("longpw");
			client.send("/register " + name + " " + long100);
			client.expect("OK register " + name);
			client.send("/passwd " + long100 + " " + accented);
			client.expect("OK passwd");
			try (ChatClient again = this.server.connect()) {
				again.send("/login " + name + " " + accented);
				again.expect("OK login " + name);
			}
		}
	}

	@Test
	void aPasswordIsComparedWhole() throws Exception {
		String password = "s".repeat(72);
		try (ChatClient client = this.server.connect()) {
			String name = LineServer.uniqueName("whole");
			client.send("/register " + name + " " + password);
			client.expect("OK register " + name);
			try (ChatClient other = this.server.connect()) {
				other.send("/login " + name + " " + password + "-and-then-some");
				other.expect(BAD_CREDENTIALS);
				other.send("/login " + name + " " + password);
				other.expect("OK login " + name);
			}
		}
	}

	@Test
	void wrongPasswordAndUnknownUserGetTheSameAnswer() throws Exception {
		try (ChatClient user = this.server.register("cred"); ChatClient client = this.server.connect()) {
			client.send("/login " + user.name() + " password2");
			client.expect(BAD_CREDENTIALS);
			client.send("/login " + LineServer.uniqueName("ghost") + " password1");
			client.expect(BAD_CREDENTIALS);
			client.send("/login 1-not-a-name password1");
			client.expect(BAD_CREDENTIALS);
			client.send("/login " + user.name() + " password1");
			client.expect("OK login " + user.name());
		}
	}

	@Test
	void aLoggedInSessionCannotRegisterOrLogInAgain() throws Exception {
		try (ChatClient user = this.server.register("twice")) {
			String expected = "ERR already-logged-in this session is logged in as " + user.name()
					+ "; /quit and connect again to switch";
			user.send("/register " + LineServer.uniqueName("other") + " password1");
			user.expect(expected);
			user.send("/login " + user.name() + " password1");
			user.expect(expected);
			user.send("/LOGIN nobody wrongpass");
			user.expect(expected);
		}
	}

	@Test
	void passwdChangesThePasswordForTheNextLogin() throws Exception {
		try (ChatClient user = this.server.register("passwd")) {
			user.send("/passwd password1 n3w-secret");
			user.expect("OK passwd");
			try (ChatClient again = this.server.connect()) {
				again.send("/login " + user.name() + " password1");
				again.expect(BAD_CREDENTIALS);
				again.send("/login " + user.name() + " n3w-secret");
				again.expect("OK login " + user.name());
			}
		}
	}

	@Test
	void passwdRefusesAWrongOldPasswordAndAWeakNewOne() throws Exception {
		try (ChatClient user = this.server.register("passwd")) {
			user.send("/passwd wrong-old1 n3w-secret");
			user.expect("ERR bad-credentials the old password is wrong; try again");
			user.send("/passwd password1 short");
			user.expect(WEAK_PASSWORD);
			user.send("/passwd password1 " + "y".repeat(129));
			user.expect(WEAK_PASSWORD);
			try (ChatClient again = this.server.connect()) {
				again.send("/login " + user.name() + " password1");
				again.expect("OK login " + user.name());
			}
		}
	}

}
