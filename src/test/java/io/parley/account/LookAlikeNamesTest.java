package io.parley.account;

import static org.assertj.core.api.Assertions.assertThat;

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

	private static String jsonEscaped(String name) {
		StringBuilder json = new StringBuilder();
		name.chars().forEach(c -> json.append(c < 0x20 || c > 0x7E ? String.format("\\u%04x", c) : String.valueOf((char) c)));
		return json.toString();
	}

}
