package io.parley.files;

import static io.parley.files.FileHttp.basic;
import static io.parley.files.FileHttp.local;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * What an operator can set: account-only links ({@code public-links=false}: a link alone downloads nothing, an
 * account by Basic or token does), a cap on the whole store, refused types, and retention.
 */
@ParleyTest(properties = { "parley.files.public-links=false", "parley.files.total-cap=4KB",
		"parley.files.denied-types=application/x-msdownload,video/*", "parley.files.retention=1ms" })
class FileOperatorSettingsTest {

	@Autowired
	AdminHttp http;

	@Autowired
	LineServer lines;

	@Autowired
	FileCatalog catalog;

	@Value("${local.server.port}")
	int port;

	@Test
	void aDownloadNeedsAnAccount() throws Exception {
		String alice = this.http.createUser("alice");
		String bob = this.http.createUser("bob");
		HttpResponse<String> uploaded = FileHttp.upload(this.port, basic(alice, "password1"), "a.txt", "text/plain",
				"members only".getBytes(StandardCharsets.UTF_8));
		String url = local(this.port, uploaded.headers().firstValue("Location").orElseThrow());
		assertThat(FileHttp.get(url).statusCode()).isEqualTo(401);
		assertThat(FileHttp.send("HEAD", url).statusCode()).isEqualTo(401);
		HttpResponse<byte[]> byBob = FileHttp.get(url, "Authorization", basic(bob, "password1"));
		assertThat(new String(byBob.body(), StandardCharsets.UTF_8)).isEqualTo("members only");
		try (ChatClient b = this.lines.logIn(bob)) {
			Matcher token = Pattern.compile("OK filetoken (\\S+) .*").matcher(b.send("/filetoken").readLine());
			assertThat(token.matches()).isTrue();
			assertThat(FileHttp.get(url, "Authorization", "Bearer " + token.group(1)).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void theStoreCapAndRefusedTypesAreAnsweredWithProblems() throws Exception {
		String alice = this.http.createUser("alice");
		HttpResponse<String> tooMuch = FileHttp.upload(this.port, basic(alice, "password1"), "big.bin",
				"application/octet-stream", new byte[8 * 1024]);
		assertThat(tooMuch.statusCode()).isEqualTo(507);
		assertThat(tooMuch.body()).contains("\"code\":\"store-full\"");
		for (String type : new String[] { "application/x-msdownload", "video/mp4" }) {
			HttpResponse<String> refused = FileHttp.upload(this.port, basic(alice, "password1"), "x", type, new byte[1]);
			assertThat(refused.statusCode()).as(type).isEqualTo(415);
			assertThat(refused.body()).contains("\"code\":\"type-not-allowed\"");
		}
		assertThat(this.http.as(alice, "password1").get("/api/admin/files").status()).isEqualTo(403);
	}

	@Test
	void filesPastTheirRetentionAreDeleted() throws Exception {
		String alice = this.http.createUser("alice");
		HttpResponse<String> uploaded = FileHttp.upload(this.port, basic(alice, "password1"), "old.txt", "text/plain",
				"old news".getBytes(StandardCharsets.UTF_8));
		String url = local(this.port, uploaded.headers().firstValue("Location").orElseThrow());
		assertThat(FileHttp.get(url, "Authorization", basic(alice, "password1")).statusCode()).isEqualTo(200);
		this.catalog.removeExpired(); // what the hourly sweep runs
		assertThat(FileHttp.get(url, "Authorization", basic(alice, "password1")).statusCode()).isEqualTo(404);
	}

}
