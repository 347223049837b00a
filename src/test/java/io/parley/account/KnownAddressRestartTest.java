package io.parley.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.parley.support.ChatClient;
import io.parley.support.ParleyProcess;

/**
 * The attack of issue 13: after a restart, guesses at the admin's name from another address must not lock the
 * admin out where it works, nor a user who only ever registered: the addresses an account is known at are in
 * the database, and a registration counts as a login. Parley runs as a process of its own with the default
 * login budgets, on one database across the restart.
 */
class KnownAddressRestartTest {

	private static final String[] DEFAULT_BUDGETS = { "parley.limits.login.max-failures=5",
			"parley.limits.login.address-max-failures=30", "parley.limits.login.max-checks-per-address=5" };

	@TempDir
	Path workDir;

	@Test
	void guessingAtTheAdminAndAtANewUserFromElsewhereAfterARestartLocksNeitherOutAtHome() throws Exception {
		String newcomer = "newcomer";
		try (ParleyProcess first = start()) {
			assertThat(httpStatus(first, "127.0.0.1", "admin", ParleyProcess.ADMIN_PASSWORD)).isEqualTo(200);
			try (ChatClient client = connect(first, "127.0.0.1")) {
				client.send("/register " + newcomer + " password1").expect("OK register " + newcomer);
			}
		}
		try (ParleyProcess second = start()) {
			attackThenLogInAtHome(second, newcomer);
		}
	}

	private static void attackThenLogInAtHome(ParleyProcess second, String newcomer) throws IOException {
		List<String> chatAnswers = new ArrayList<>();
		List<Integer> httpAnswers = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			try (ChatClient attacker = connect(second, "127.0.0.2")) {
				chatAnswers.add(attacker.send("/login admin wrong-guess-" + i).readLine().split(" ")[1]);
				chatAnswers.add(attacker.send("/login " + newcomer + " wrong-guess-" + i).readLine().split(" ")[1]);
			}
			httpAnswers.add(httpStatus(second, "127.0.0.3", "admin", "wrong-guess-" + i));
		}
		// the attack itself is refused once the account's budget for strangers is spent
		assertThat(chatAnswers).contains("rate-limited");
		assertThat(httpAnswers).contains(429);

		assertThat(httpStatus(second, "127.0.0.1", "admin", ParleyProcess.ADMIN_PASSWORD)).isEqualTo(200);
		try (ChatClient admin = connect(second, "127.0.0.1")) {
			admin.send("/login admin " + ParleyProcess.ADMIN_PASSWORD).expect("OK login admin");
		}
		try (ChatClient user = connect(second, "127.0.0.1")) {
			user.send("/login " + newcomer + " password1").expect("OK login " + newcomer);
		}
	}

	/** A process of its own on the one database; closed (SIGTERM) by the test, killed if that hangs. */
	private ParleyProcess start() throws IOException {
		return ParleyProcess.start(this.workDir, List.of(), DEFAULT_BUDGETS);
	}

	private static ChatClient connect(ParleyProcess server, String from) throws IOException {
		ChatClient client = new ChatClient("127.0.0.1", server.linePort(), from);
		client.expectPrefix("HELLO ");
		return client;
	}

	/** {@code curl -u} from a given loopback address (the JDK's HTTP client cannot choose its local address). */
	private static int httpStatus(ParleyProcess server, String from, String name, String password) throws IOException {
		try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), server.httpPort(),
				InetAddress.getByName(from), 0)) {
			socket.setSoTimeout(30_000);
			String credentials = Base64.getEncoder()
				.encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream()
				.write(("GET /api/admin/users HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials
						+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			return Integer.parseInt(status.split(" ")[1]);
		}
	}

}
