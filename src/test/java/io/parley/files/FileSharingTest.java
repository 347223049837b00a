package io.parley.files;

import static io.parley.files.FileHttp.basic;
import static io.parley.files.FileHttp.local;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * Issue 20 end to end over real sockets and real HTTP: upload as soju.im/FILEHOST has it, share in a room and
 * with a person, download by a member, tokens for pages that must not hold a password, deletion, and what the
 * line and IRC clients see.
 */
@ParleyTest(properties = { "parley.accounts.guests=true", "parley.files.max-file-size=1MB",
		"parley.files.daily-quota=2MB" })
class FileSharingTest {

	private static final Pattern FILE_TOKEN = Pattern.compile("OK filetoken ([A-Za-z0-9_-]{43}) 600 (\\S+)");

	@Autowired
	LineServer lines;

	@Autowired
	IrcGateway irc;

	@Autowired
	AdminHttp http;

	@Value("${local.server.port}")
	int port;

	@Test
	void anUploadSharedInARoomReachesLineAndIrcMembersAndDownloadsWhole() throws Exception {
		String alice = this.http.createUser("alice");
		String bob = this.http.createUser("bob");
		String carol = this.http.createUser("carol");
		byte[] bytes = "the minutes of the meeting\n".repeat(100).getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> uploaded = FileHttp.upload(this.port, basic(alice, "password1"), "minutes.txt",
				"text/plain", bytes);
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		String link = uploaded.headers().firstValue("Location").orElseThrow();
		assertThat(link).matches("http://localhost:" + this.port + "/files/[A-Za-z0-9_-]{32}/minutes\\.txt");
		String id = URI.create(link).getPath().split("/")[2];
		assertThat(uploaded.body()).contains("\"id\":\"" + id + "\"", "\"size\":" + bytes.length,
				"\"type\":\"text/plain\"", "\"owner\":\"" + alice + "\"");

		try (ChatClient a = this.lines.logIn(alice); ChatClient b = this.lines.logIn(bob);
				IrcSocket c = this.irc.logIn(carol)) {
			String room = LineServer.uniqueName("files");
			LineServer.joinAll(room, a, b);
			c.send("JOIN #" + room).readThrough("366");
			a.expect("JOIN " + room + " " + carol);
			b.expect("JOIN " + room + " " + carol);

			a.send("/share #" + room + " " + link).expect("OK share " + id + " #" + room);
			b.expect("FILE " + room + " " + alice + " " + bytes.length + " text/plain " + link + " minutes.txt");
			assertThat(IrcSocket.untagged(c.readLine())).isEqualTo(":" + alice + "!" + alice + "@parley PRIVMSG #"
					+ room + " :" + link + " (minutes.txt, 2.6 KiB, text/plain)");

			// a member downloads what the FILE line names
			HttpResponse<byte[]> download = FileHttp.get(local(this.port, link));
			assertThat(download.statusCode()).isEqualTo(200);
			assertThat(download.body()).isEqualTo(bytes);
			assertThat(download.headers().firstValue("Content-Length")).hasValue(String.valueOf(bytes.length));

			// the admin API knows where it was shared
			AdminHttp.Response listed = this.http.admin().get("/api/admin/files?room=" + room);
			assertThat(listed.json().get("files").get(0).get("id").asString()).isEqualTo(id);
			assertThat(listed.json().get("files").get(0).get("sharedTo").get(0).asString()).isEqualTo(room);
		}
	}

	@Test
	void aFileSharedWithOnePersonReachesOnlyThem() throws Exception {
		String alice = this.http.createUser("alice");
		String bob = this.http.createUser("bob");
		String link = uploadAs(alice, "plan.pdf", "application/pdf", new byte[2048]);
		String id = URI.create(link).getPath().split("/")[2];
		try (ChatClient a = this.lines.logIn(alice); ChatClient b = this.lines.logIn(bob);
				IrcSocket bIrc = this.irc.logIn(bob)) {
			a.send("/share " + bob + " " + id).expect("OK share " + id + " " + bob);
			b.expect("FILE * " + alice + " 2048 application/pdf " + link + " plan.pdf");
			assertThat(IrcSocket.untagged(bIrc.readLine())).isEqualTo(":" + alice + "!" + alice + "@parley PRIVMSG "
					+ bob + " :" + link + " (plan.pdf, 2.0 KiB, application/pdf)");
			a.send("/share nobody-here " + id).expectPrefix("ERR no-such-user ");
			a.send("/share " + bob + " AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").expectPrefix("ERR no-such-file ");
			a.send("/share #not-joined " + id).expectPrefix("ERR no-room ");
		}
	}

	@Test
	void ircUsersShareWithShareAndLineUsersSeeAFileLine() throws Exception {
		String alice = this.http.createUser("alice");
		String bob = this.http.createUser("bob");
		String link = uploadAs(alice, "photo.png", "image/png", new byte[100]);
		try (IrcSocket a = this.irc.logIn(alice); ChatClient b = this.lines.logIn(bob)) {
			String room = LineServer.uniqueName("irc");
			a.send("JOIN #" + room).readThrough("366");
			b.send("/join " + room).expect("OK join " + room);
			a.readLine(); // bob's JOIN
			a.send("SHARE #" + room + " " + link);
			b.expect("FILE " + room + " " + alice + " 100 image/png " + link + " photo.png");
		}
	}

	@Test
	void aChatSessionGetsATokenThatUploadsWithoutThePassword() throws Exception {
		String alice = this.http.createUser("alice");
		try (ChatClient a = this.lines.logIn(alice)) {
			Matcher token = FILE_TOKEN.matcher(a.send("/filetoken").readLine());
			assertThat(token.matches()).isTrue();
			assertThat(token.group(2)).isEqualTo("http://localhost:" + this.port + "/files");
			HttpResponse<String> uploaded = FileHttp.upload(this.port, "Bearer " + token.group(1), "a.txt",
					"text/plain", "hello".getBytes(StandardCharsets.UTF_8));
			assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
			assertThat(uploaded.body()).contains("\"owner\":\"" + alice + "\"");
		}
		try (IrcSocket a = this.irc.logIn(alice)) {
			a.send("FILETOKEN");
			String note = a.readLine();
			assertThat(note).matches(":parley NOTE FILETOKEN TOKEN [A-Za-z0-9_-]{43} 600 :http://localhost:" + this.port
					+ "/files");
		}
		try (ChatClient guest = this.lines.connect()) {
			String name = LineServer.uniqueName("guest");
			guest.send("/guest " + name).expect("OK guest " + name);
			guest.send("/filetoken").expectPrefix("ERR forbidden uploads need an account");
		}
	}

	@Test
	void uploadsWithoutOrWithWrongCredentialsAre401() throws Exception {
		String alice = this.http.createUser("alice");
		byte[] bytes = "x".getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> none = FileHttp.upload(this.port, null, "a.txt", "text/plain", bytes);
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(none.headers().allValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("Basic "));
		assertThat(none.body()).contains("\"code\":\"auth-required\"");
		HttpResponse<String> wrongPassword = FileHttp.upload(this.port, basic(alice, "not-her-password"), "a.txt",
				"text/plain", bytes);
		assertThat(wrongPassword.statusCode()).isEqualTo(401);
		assertThat(wrongPassword.body()).contains("\"code\":\"bad-credentials\"");
		HttpResponse<String> noSuchUser = FileHttp.upload(this.port, basic("nobody-at-all", "password1"), "a.txt",
				"text/plain", bytes);
		assertThat(noSuchUser.statusCode()).isEqualTo(401);
		HttpResponse<String> badToken = FileHttp.upload(this.port, "Bearer not-a-token-anyone-was-given", "a.txt",
				"text/plain", bytes);
		assertThat(badToken.statusCode()).isEqualTo(401);
		assertThat(badToken.body()).contains("/filetoken");
		assertThat(this.http.admin().get("/api/admin/files?user=" + alice).json().get("files")).isEmpty();
	}

	@Test
	void aDeletedFileIs404AndOnlyItsOwnerOrAnAdminMayDeleteIt() throws Exception {
		String alice = this.http.createUser("alice");
		String bob = this.http.createUser("bob");
		String link = uploadAs(alice, "gone.txt", "text/plain", "bye".getBytes(StandardCharsets.UTF_8));
		String url = local(this.port, link);
		HttpResponse<byte[]> byBob = FileHttp.send("DELETE", url, "Authorization", basic(bob, "password1"));
		assertThat(byBob.statusCode()).isEqualTo(403);
		assertThat(FileHttp.get(url).statusCode()).isEqualTo(200);
		assertThat(FileHttp.send("DELETE", url, "Authorization", basic(alice, "password1")).statusCode()).isEqualTo(204);
		HttpResponse<byte[]> gone = FileHttp.get(url);
		assertThat(gone.statusCode()).isEqualTo(404);
		assertThat(new String(gone.body(), StandardCharsets.UTF_8)).contains("\"code\":\"no-such-file\"");
		assertThat(FileHttp.send("HEAD", url).statusCode()).isEqualTo(404);
		assertThat(FileHttp.send("DELETE", url, "Authorization", basic(alice, "password1")).statusCode()).isEqualTo(404);

		// an admin deletes anyone's, through the admin API; the file stays listed as deleted
		String other = uploadAs(bob, "b.txt", "text/plain", "bob's".getBytes(StandardCharsets.UTF_8));
		String otherId = URI.create(other).getPath().split("/")[2];
		assertThat(this.http.admin().delete("/api/admin/files/" + otherId).status()).isEqualTo(204);
		assertThat(FileHttp.get(local(this.port, other)).statusCode()).isEqualTo(404);
		assertThat(this.http.admin().get("/api/admin/files/" + otherId).json().get("deletedAt").isNull()).isFalse();
		try (ChatClient a = this.lines.logIn(alice)) {
			a.send("/share " + alice + " " + otherId).expectPrefix("ERR no-such-file ");
		}
	}

	@Test
	void rangesAndETagsAreServedBySpring() throws Exception {
		String alice = this.http.createUser("alice");
		byte[] bytes = new byte[1000];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) i;
		}
		String url = local(this.port, uploadAs(alice, "data.bin", "application/octet-stream", bytes));
		HttpResponse<byte[]> part = FileHttp.get(url, "Range", "bytes=10-19");
		assertThat(part.statusCode()).isEqualTo(206);
		assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 10-19/1000");
		assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 10, 20));
		HttpResponse<byte[]> tail = FileHttp.get(url, "Range", "bytes=-5");
		assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 995, 1000));
		assertThat(FileHttp.get(url, "Range", "bytes=5000-6000").statusCode()).isEqualTo(416);
		HttpResponse<byte[]> whole = FileHttp.send("HEAD", url);
		assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
		assertThat(whole.headers().firstValue("Content-Length")).hasValue("1000");
		String etag = whole.headers().firstValue("ETag").orElseThrow();
		assertThat(etag).matches("\"[0-9a-f]{64}\"");
		assertThat(FileHttp.get(url, "If-None-Match", etag).statusCode()).isEqualTo(304);
	}

	@Test
	void filehostClientsCanAskWhatTheUploadAddressTakesAndFindItInIsupport() throws Exception {
		HttpResponse<byte[]> options = FileHttp.send("OPTIONS", "http://localhost:" + this.port + "/files");
		assertThat(options.statusCode()).isEqualTo(204);
		assertThat(options.headers().firstValue("Allow").orElse("")).contains("POST");
		assertThat(options.headers().firstValue("Accept-Post")).hasValue("*/*");
		String alice = this.http.createUser("alice");
		try (IrcSocket a = this.irc.connect()) {
			a.send("PASS password1").send("NICK " + alice).send("USER " + alice + " 0 * :" + alice);
			List<String> welcome = a.readWelcome();
			assertThat(welcome).anyMatch(l -> l.contains(" 005 ")
					&& l.contains(" soju.im/FILEHOST=http://localhost:" + this.port + "/files "));
		}
		try (ChatClient a = this.lines.logIn(alice)) {
			a.send("/help");
			StringBuilder help = new StringBuilder();
			for (String line = a.readLine(); !line.startsWith("HELP files:"); line = a.readLine()) {
				help.append(line).append('\n');
			}
			assertThat(help).contains("HELP /share <#room|name> <file>", "HELP /filetoken");
		}
	}

	@Test
	void metricsCountUploadsRefusalsAndTheStore() throws Exception {
		String alice = this.http.createUser("alice");
		double before = metric("parley.files.uploads");
		uploadAs(alice, "m.txt", "text/plain", "metric".getBytes(StandardCharsets.UTF_8));
		assertThat(metric("parley.files.uploads")).isEqualTo(before + 1);
		assertThat(metric("parley.files.stored")).isGreaterThanOrEqualTo(1);
		assertThat(metric("parley.files.bytes")).isGreaterThanOrEqualTo(6);
		FileHttp.upload(this.port, basic(alice, "password1"), "f", "multipart/form-data; boundary=x", new byte[1]);
		assertThat(metric("parley.files.refused")).isGreaterThanOrEqualTo(1);
	}

	private double metric(String name) {
		return this.http.admin().get("/actuator/metrics/" + name).json().get("measurements").get(0).get("value")
			.asDouble();
	}

	private String uploadAs(String user, String name, String type, byte[] bytes) throws Exception {
		HttpResponse<String> uploaded = FileHttp.upload(this.port, basic(user, "password1"), name, type, bytes);
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		return uploaded.headers().firstValue("Location").orElseThrow();
	}

}
