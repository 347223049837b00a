package io.parley.files;

import static io.parley.files.FileHttp.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import io.parley.support.AdminHttp;
import io.parley.support.ParleyTest;

/**
 * The limits of an upload over real HTTP: a body that does not match its Content-Length, one over the size limit
 * or the account's quota (refused before its body is read), one cut off halfway (nothing left behind).
 */
@ParleyTest(properties = { "parley.accounts.guests=true", "parley.files.max-file-size=1MB",
		"parley.files.daily-quota=2MB" })
class FileLimitsTest {

	private static final int MB = 1024 * 1024;

	@Autowired
	AdminHttp http;

	@Autowired
	FileProperties files;

	@Value("${local.server.port}")
	int port;

	@Test
	void aBodyShorterThanItsContentLengthIsRefusedAndNothingIsKept() throws Exception {
		String alice = this.http.createUser("alice");
		long objectsBefore = objects();
		try (Socket socket = new Socket("localhost", this.port)) {
			FileHttp.head(socket, basic(alice, "password1"), "Content-Type: text/plain", "Content-Length: 1000");
			socket.getOutputStream().write(new byte[500]);
			socket.shutdownOutput();
			FileHttp.RawResponse response = FileHttp.read(socket);
			// Tomcat answers a body that ends early itself, before the application can
			assertThat(response.status()).isEqualTo(400);
		}
		assertNothingKeptFor(alice, objectsBefore);
	}

	@Test
	void bytesPastTheContentLengthAreNotPartOfTheFile() throws Exception {
		String alice = this.http.createUser("alice");
		try (Socket socket = new Socket("localhost", this.port)) {
			FileHttp.head(socket, basic(alice, "password1"), "Content-Type: text/plain", "Content-Length: 10");
			socket.getOutputStream().write("0123456789ABCDEFGHIJ\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			FileHttp.RawResponse stored = FileHttp.read(socket);
			assertThat(stored.status()).isEqualTo(201);
			// what follows the declared body is read as the next request, which it is not
			assertThat(FileHttp.read(socket).status()).isEqualTo(400);
			HttpResponse<byte[]> file = FileHttp.get(FileHttp.local(this.port, stored.headers().get("location")));
			assertThat(new String(file.body(), StandardCharsets.US_ASCII)).isEqualTo("0123456789");
		}
		assertThat(this.http.admin().get("/api/admin/files?user=" + alice).json().get("files")).hasSize(1);
	}

	@Test
	void anUploadDeclaredOverTheSizeLimitIsRefusedBeforeItsBodyIsSent() throws Exception {
		String alice = this.http.createUser("alice");
		try (Socket socket = new Socket("localhost", this.port)) {
			// not a byte of the 100 MiB is ever sent: the answer comes first
			FileHttp.head(socket, basic(alice, "password1"), "Content-Type: video/mp4",
					"Content-Length: " + 100 * MB);
			FileHttp.RawResponse response = FileHttp.read(socket);
			assertThat(response.status()).isEqualTo(413);
			assertThat(response.headers().get("content-type")).startsWith("application/problem+json");
			assertThat(response.body()).contains("\"code\":\"file-too-large\"", "at most 1048576 bytes");
		}
	}

	@Test
	void aChunkedUploadOverTheSizeLimitIsCutOffAtTheLimit() throws Exception {
		String alice = this.http.createUser("alice");
		long objectsBefore = objects();
		long sent = 0;
		try (Socket socket = new Socket("localhost", this.port)) {
			FileHttp.head(socket, basic(alice, "password1"), "Content-Type: video/mp4", "Transfer-Encoding: chunked");
			OutputStream out = socket.getOutputStream();
			byte[] chunk = ("2000\r\n" + "x".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
			// a client that would send 100 MiB; it stops when the answer comes or the server stops reading
			try {
				while (sent < 100 * MB && socket.getInputStream().available() == 0) {
					out.write(chunk);
					sent += 0x2000;
				}
			}
			catch (IOException closedByServer) {
				// the server refused and closed while the client was still writing
			}
			FileHttp.RawResponse response = FileHttp.read(socket);
			assertThat(response.status()).isEqualTo(413);
			assertThat(response.body()).contains("\"code\":\"file-too-large\"");
		}
		// the server stopped at 1 MiB + 1 byte; what the client wrote past that sat in socket buffers or was
		// swallowed by Tomcat (at most its 2 MiB max-swallow-size), never read into a file
		assertThat(sent).isLessThan(16L * MB);
		assertNothingKeptFor(alice, objectsBefore);
	}

	@Test
	void anUploadOverTheDailyQuotaIsRefusedWithoutItsBodyBeingSent() throws Exception {
		String alice = this.http.createUser("alice");
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> ok = FileHttp.upload(this.port, basic(alice, "password1"), "part" + i, "text/plain",
					new byte[900 * 1024]);
			assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
		}
		try (Socket socket = new Socket("localhost", this.port)) {
			// as curl sends a large body: the headers, then the body only after "100 Continue", which never comes
			FileHttp.head(socket, basic(alice, "password1"), "Content-Type: text/plain",
					"Content-Length: " + 900 * 1024, "Expect: 100-continue");
			FileHttp.RawResponse refused = FileHttp.read(socket);
			assertThat(refused.status()).isEqualTo(507);
			assertThat(refused.body()).contains("\"code\":\"quota-exceeded\"", "bytes are left");
		}
		assertThat(this.http.admin().get("/api/admin/files/quota/" + alice).json().get("usedBytes").asLong())
			.isEqualTo(2 * 900 * 1024);
	}

	@Test
	void anUploadCutOffHalfwayLeavesNoPartialFile() throws Exception {
		String alice = this.http.createUser("alice");
		long objectsBefore = objects();
		double refusedBefore = refused("incomplete");
		try (Socket socket = new Socket("localhost", this.port)) {
			FileHttp.head(socket, basic(alice, "password1"), "Content-Type: text/plain", "Content-Length: " + 900 * 1024);
			socket.getOutputStream().write(new byte[300 * 1024]);
			socket.getOutputStream().flush();
			await().atMost(Duration.ofSeconds(10)).until(() -> partials() > 0);
			socket.setSoLinger(true, 0); // a reset, as a client that crashes or loses its network
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> refused("incomplete") > refusedBefore);
		assertNothingKeptFor(alice, objectsBefore);
	}

	private void assertNothingKeptFor(String user, long objectsBefore) throws IOException {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(partials()).isZero());
		assertThat(objects()).isEqualTo(objectsBefore);
		assertThat(this.http.admin().get("/api/admin/files?user=" + user).json().get("files")).isEmpty();
	}

	/** Uploads being received: files in {@code incoming/}. */
	private long partials() throws IOException {
		try (Stream<Path> parts = Files.list(this.files.directory().resolve("incoming"))) {
			return parts.count();
		}
	}

	/** Contents kept: files under {@code objects/}. */
	private long objects() throws IOException {
		try (Stream<Path> all = Files.walk(this.files.directory().resolve("objects"))) {
			return all.filter(Files::isRegularFile).count();
		}
	}

	private double refused(String reason) {
		AdminHttp.Response metric = this.http.admin().get("/actuator/metrics/parley.files.refused?tag=reason:" + reason);
		return (metric.status() == 200) ? metric.json().get("measurements").get(0).get("value").asDouble() : 0;
	}

}
