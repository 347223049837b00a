package io.parley.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * Who owns a name is decided in one place: an account and a guest online never share a name (or two names
 * that look alike), and whoever loses a race is told so before anything is made.
 */
@ParleyTest(properties = "parley.accounts.guests=true")
class NameOwnershipTest {

	private static final int RACES = 30;

	@Autowired
	LineServer server;

	@Autowired
	AdminHttp http;

	@Test
	void anAdminCannotCreateAnAccountUnderAGuestOnline() throws Exception {
		String name = LineServer.uniqueName("visitor");
		try (ChatClient guest = this.server.connect()) {
			guest.send("/guest " + name).expect("OK guest " + name);
			String json = "{\"name\":\"" + name.toUpperCase() + "\",\"password\":\"password1\",\"role\":\"USER\"}";
			AdminHttp.Response created = this.http.admin().post("/api/admin/users", json);
			assertThat(created.status()).as(created.toString()).isEqualTo(409);
			assertThat(created.json().path("code").asString()).isEqualTo("name-taken");
			assertThat(this.http.admin().get("/api/admin/users/" + name).status()).isEqualTo(404);
			guest.send("/ping still-a-guest").expect("PONG still-a-guest");
		}
	}

	/**
	 * {@code /register} and {@code /guest} of one name at the same moment, many times: one of them wins, and a
	 * registration that answers {@code name-taken} has made no account.
	 */
	@Test
	void registerRacingGuestHasOneWinnerAndNoAccountBehindARefusal() throws Exception {
		for (int i = 0; i < RACES; i++) {
			String name = LineServer.uniqueName("raced");
			try (ChatClient registrar = this.server.connect(); ChatClient guest = this.server.connect()) {
				CyclicBarrier start = new CyclicBarrier(2);
				CompletableFuture<String> registered = CompletableFuture.supplyAsync(() -> send(registrar, start,
						"/register " + name + " password1"));
				CompletableFuture<String> guested = CompletableFuture.supplyAsync(() -> send(guest, start,
						"/guest " + name));
				String registerAnswer = registered.get(30, TimeUnit.SECONDS);
				String guestAnswer = guested.get(30, TimeUnit.SECONDS);
				boolean accountMade = this.http.admin().get("/api/admin/users/" + name).status() == 200;
				if (registerAnswer.equals("OK register " + name)) {
					assertThat(guestAnswer).startsWith("ERR name-taken ");
					assertThat(accountMade).isTrue();
				}
				else {
					assertThat(registerAnswer).startsWith("ERR name-taken ");
					assertThat(guestAnswer).isEqualTo("OK guest " + name);
					assertThat(accountMade).as("an account made behind " + registerAnswer).isFalse();
				}
			}
		}
	}

	private static String send(ChatClient client, CyclicBarrier start, String line) {
		try {
			start.await(10, TimeUnit.SECONDS);
			return client.send(line).readLine();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
