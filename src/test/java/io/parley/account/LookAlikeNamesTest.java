package io.parley.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * Names that would look like another, or hide characters, are refused where accounts are made: {@code /register}
 * on the line protocol and account creation over the admin API.
 */
@ParleyTest
class LookAlikeNamesTest {

	@Autowired
	LineServer server;

	@Autowired
	AdminHttp http;

	@ParameterizedTest
	@ValueSource(strings = { "\u0430dmin", // Cyrillic a
			"\uFF41dmin", // fullwidth a
			"ad\u200Dmin", // zero-width joiner
			"ad\u200Bmin", // zero-width space
			"\u202Enimda", // right-to-left override
			"a\u0301dmin", // combining acute accent
			"admin\u0000", "ad\tmin", "ad\u007Fmin", "ad\u0085min", // C0, DEL, C1 controls
			"\u0391dmin", // Greek capital alpha
			"adm\u0131n", // dotless i
			"admin\u00A0" // no-break space
	})
	void areRefusedOnTheLineProtocolAndByTheAdminApi(String name) throws Exception {
		try (ChatClient client = this.server.connect()) {
			client.send("/register " + name + " password1").expectPrefix("ERR bad-name ");
			// the session is still anonymous: nothing was registered
			client.send("/who").expectPrefix("ERR auth-required ");
		}
		String json = "{\"name\":\"" + jsonEscaped(name) + "\",\"password\":\"password1\",\"role\":\"USER\"}";
		AdminHttp.Response created = this.http.admin().post("/api/admin/users", json);
		assertThat(created.status()).as(created.toString()).isEqualTo(400);
		assertThat(UserNames.isValid(name)).isFalse();
	}

	/**
	 * ASCII look-alikes of names that exist (the admin in every context, an alice registered here): case,
	 * capital I and digit 1 for l, rn for m, 0 for O. Refused by {@code /register} and by the admin API.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "adrnin", "ADM1N", "adm1n", "Admin", "aDMIN", "admln" })
	void asciiLookAlikesOfTheAdminAreTaken(String name) throws Exception {
		try (ChatClient client = this.server.connect()) {
			// a name differing in case alone "is taken", as it always was; a look-alike says what it looks like
			client.send("/register " + name + " password1").expect("ERR name-taken " + name
					+ (name.equalsIgnoreCase("admin") ? " is taken" : " looks like admin, which is taken")
					+ "; pick another name");
		}
		AdminHttp.Response created = this.http.admin()
			.post("/api/admin/users", "{\"name\":\"" + name + "\",\"password\":\"password1\",\"role\":\"USER\"}");
		assertThat(created.status()).as(created.toString()).isEqualTo(409);
	}

	@Test
	void asciiLookAlikesOfARegisteredUserAreTakenAndLogInToIt() throws Exception {
		String alice = LineServer.uniqueName("alice");
		String capitalI = alice.replace('l', 'I');
		String bold = "ALICE" + alice.substring(5).replace('0', 'O');
		try (ChatClient owner = this.server.connect()) {
			owner.send("/register " + alice + " password1").expect("OK register " + alice);
		}
		for (String lookAlike : new String[] { capitalI, bold, alice.replace('l', '1') }) {
			try (ChatClient client = this.server.connect()) {
				client.send("/register " + lookAlike + " password1").expectPrefix("ERR name-taken " + lookAlike + " ");
			}
		}
		assertThat(UserNames.key(capitalI)).isEqualTo(UserNames.key(alice));
		assertThat(UserNames.key("rnallory")).isEqualTo(UserNames.key("mallory"));
		assertThat(UserNames.key("bob")).isNotEqualTo(UserNames.key("b0d"));
	}

	private static String jsonEscaped(String name) {
		StringBuilder json = new StringBuilder();
		name.chars().forEach(c -> json.append(c < 0x20 || c > 0x7E ? String.format("\\u%04x", c) : String.valueOf((char) c)));
		return json.toString();
	}

}
