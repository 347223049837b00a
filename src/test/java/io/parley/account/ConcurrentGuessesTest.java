package io.parley.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * The attack of issue 13: many wrong passwords sent at once, at one account and at many names, each from one
 * address. Each guess reserves its failure before it is hashed, so those past a budget are refused without a
 * hash; and the hashes that do run queue behind the logins of owners at addresses their accounts know, so a
 * known user's {@code /login} and an admin's HTTP call stay fast meanwhile. A real BCrypt cost and one hashing
 * thread, so that hashing every guess would take many seconds.
 */
@ParleyTest
@TestPropertySource(properties = { "parley.accounts.bcrypt-cost=10", "parley.accounts.hash-threads=1",
		"parley.limits.login.max-failures=5", "parley.limits.login.address-max-failures=30",
		"parley.limits.login.max-checks-per-address=5" })
class ConcurrentGuessesTest {

	private static final int GUESSES = 150;

	/** Generous on a loaded machine: hashing the 300 guesses would take over 20 s at cost 10 on one thread. */
	private static final Duration FAST = Duration.ofSeconds(5);

	@Autowired
	LineServer server;

	@Autowired
	AdminHttp http;

	@Test
	void guessesAtOnceAreRefusedPastTheBudgetsWhileKnownLoginsStayFast() throws Exception {
		String victim;
		try (ChatClient registered = this.server.register("victim")) {
			victim = registered.name();
		}
		assertThat(this.http.admin().get("/api/admin/users?size=1").status()).isEqualTo(200);

		List<ChatClient> atOneAccount = new ArrayList<>();
		List<ChatClient> atManyNames = new ArrayList<>();
		try {
			for (int i = 0; i < GUESSES; i++) {
				atOneAccount.add(this.server.connectFrom("127.0.0.9"));
				atManyNames.add(this.server.connectFrom("127.0.0.10"));
			}
			for (int i = 0; i < GUESSES; i++) {
				atOneAccount.get(i).send("/login " + victim + " wrong-guess-" + i);
				atManyNames.get(i).send("/login nobody" + i + " wrong-guess-" + i);
			}

			assertKnownLoginsStayFast(victim);

			Map<String, Long> oneAccount = answers(atOneAccount);
			Map<String, Long> manyNames = answers(atManyNames);
			// only the account's budget was hashed; the rest refused before a hash
			assertThat(oneAccount.getOrDefault("bad-credentials", 0L)).as(oneAccount.toString()).isBetween(1L, 5L);
			assertThat(oneAccount.get("rate-limited")).as(oneAccount.toString()).isGreaterThanOrEqualTo(GUESSES - 5);
			assertThat(manyNames.getOrDefault("bad-credentials", 0L)).as(manyNames.toString()).isBetween(1L, 30L);
			assertThat(manyNames.get("rate-limited")).as(manyNames.toString()).isGreaterThanOrEqualTo(GUESSES - 30);
		}
		finally {
			for (ChatClient client : atOneAccount) {
				client.close();
			}
			for (ChatClient client : atManyNames) {
				client.close();
			}
		}
	}

	/**
	 * Guesses spread over many addresses, each within its budgets, so every one is hashed: the owners' logins
	 * and the admin's call overtake them in the hashing queue.
	 */
	@Test
	void knownLoginsGoAheadOfStrangersSpreadOverManyAddresses() throws Exception {
		String owner;
		try (ChatClient registered = this.server.register("owner")) {
			owner = registered.name();
		}
		assertThat(this.http.admin().get("/api/admin/users?size=1").status()).isEqualTo(200);
		List<ChatClient> strangers = new ArrayList<>();
		try {
			for (int i = 0; i < GUESSES; i++) {
				strangers.add(this.server.connectFrom("127.0.1." + (1 + i % 30)));
			}
			for (int i = 0; i < GUESSES; i++) {
				strangers.get(i).send("/login stranger" + i + " wrong-guess-" + i);
			}
			assertKnownLoginsStayFast(owner);
			assertThat(answers(strangers)).containsOnlyKeys("bad-credentials");
		}
		finally {
			for (ChatClient client : strangers) {
				client.close();
			}
		}
	}

	/** {@code owner} logs in over chat, and the admin calls the API, each from 127.0.0.1 where it is known. */
	private void assertKnownLoginsStayFast(String owner) throws IOException {
		long start = System.nanoTime();
		try (ChatClient client = this.server.connect()) {
			client.send("/login " + owner + " password1").expect("OK login " + owner);
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a known user's /login").isLessThan(FAST);
		start = System.nanoTime();
		assertThat(this.http.admin().get("/api/admin/users?size=1").status()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("an admin's HTTP call").isLessThan(FAST);
	}

	/** Each client's one answer, by error code. */
	private static Map<String, Long> answers(List<ChatClient> clients) throws IOException {
		List<String> codes = new ArrayList<>();
		for (ChatClient client : clients) {
			String line = client.readLine(Duration.ofSeconds(60));
			codes.add((line != null && line.startsWith("ERR ")) ? line.split(" ")[1] : String.valueOf(line));
		}
		return codes.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

}
