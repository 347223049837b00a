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

/** {@code parley.files.public-links=false}: a link alone downloads nothing; an account (Basic or token) does. */
@ParleyTest(properties = "parley.files.public-links=false")
class FilePrivateLinksTest {

	@Autowired
	AdminHttp http;

	@Autowired
	LineServer lines;

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

}
