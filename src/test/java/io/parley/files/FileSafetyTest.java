package io.parley.files;

import static io.parley.files.FileHttp.basic;
import static io.parley.files.FileHttp.local;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * Nothing in a file's name, type or content can run script in Parley's origin, reach the file system or forge a
 * chat line: names are cut to their last part and cleaned, types parsed, and every download is an attachment
 * (inline only for raster images) with {@code nosniff} and a sandboxing Content-Security-Policy.
 */
@ParleyTest(properties = { "parley.accounts.guests=true", "parley.files.max-file-size=1MB",
		"parley.files.daily-quota=2MB" })
class FileSafetyTest {

	private static final String SCRIPT = "<html><body><script>fetch('/api/admin/users')</script></body></html>";

	@Autowired
	AdminHttp http;

	@Autowired
	LineServer lines;

	@Autowired
	FileProperties files;

	@Value("${local.server.port}")
	int port;

	@Test
	void htmlAndSvgAreDownloadedNeverShownAndCanRunNoScript() throws Exception {
		String alice = this.http.createUser("alice");
		for (String type : new String[] { "text/html", "image/svg+xml", "application/xhtml+xml", "text/xml" }) {
			HttpResponse<byte[]> download = FileHttp.get(local(this.port, upload(alice, "page", type, SCRIPT)));
			assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).as(type)
				.startsWith("attachment;");
			assertSandboxed(download);
		}
	}

	@Test
	void onlyRasterImagesAreShownInPlaceAndStillSandboxed() throws Exception {
		String alice = this.http.createUser("alice");
		HttpResponse<byte[]> png = FileHttp.get(local(this.port, upload(alice, "cat.png", "image/png", SCRIPT)));
		assertThat(png.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline;");
		assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
		assertSandboxed(png);
	}

	@Test
	void aTypeIsParsedNotCopied() throws Exception {
		String alice = this.http.createUser("alice");
		HttpResponse<byte[]> odd = FileHttp.get(local(this.port, upload(alice, "a", "text/html;x=\"<script>\"", SCRIPT)));
		assertThat(odd.headers().firstValue("Content-Type")).hasValue("text/html");
		HttpResponse<byte[]> garbage = FileHttp.get(local(this.port, upload(alice, "b", "<script>", SCRIPT)));
		assertThat(garbage.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		assertThat(garbage.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
		// curl --data-binary sends a form type when not told one: the bytes are the file, of no known type
		HttpResponse<byte[]> form = FileHttp.get(local(this.port,
				upload(alice, "c", "application/x-www-form-urlencoded", "a=1&b=2")));
		assertThat(form.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		assertThat(new String(form.body(), StandardCharsets.UTF_8)).isEqualTo("a=1&b=2");
	}

	@Test
	void pathLikeAndControlCharacterNamesAreStoredSafelyAndServedWithASafeName() throws Exception {
		String alice = this.http.createUser("alice");
		String bob = this.http.createUser("bob");
		// ../../etc/pass<BEL>wd<LF>FILE x<RLO>.txt, as RFC 6266's filename* carries any byte
		String encoded = "..%2F..%2Fetc%2Fpass%07wd%0AFILE%20x%E2%80%AE.txt";
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/files"))
			.header("Authorization", basic(alice, "password1"))
			.header("Content-Type", "text/plain")
			.header("Content-Disposition", "attachment; filename*=UTF-8''" + encoded)
			.POST(HttpRequest.BodyPublishers.ofString("secret"))
			.build();
		HttpResponse<String> uploaded = FileHttp.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		assertThat(uploaded.body()).contains("\"name\":\"passwdFILE x.txt\"");
		String link = uploaded.headers().firstValue("Location").orElseThrow();
		assertThat(link).endsWith("/passwdFILE%20x.txt");

		HttpResponse<byte[]> download = FileHttp.get(local(this.port, link));
		assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
			.isEqualTo("attachment; filename=\"passwdFILE x.txt\"; filename*=UTF-8''passwdFILE%20x.txt");

		try (ChatClient a = this.lines.logIn(alice); ChatClient b = this.lines.logIn(bob)) {
			a.send("/share " + bob + " " + link);
			// one line, the name last, no control character in it
			b.expect("FILE * " + alice + " 6 text/plain " + link + " passwdFILE x.txt");
		}
		// the bytes are under their hash in objects/, nowhere else
		try (Stream<Path> all = Files.walk(this.files.directory())) {
			assertThat(all.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
				.allMatch(name -> name.matches("[0-9a-f]{64}"));
		}
	}

	@Test
	void aNameOfDotsOrNothingBecomesFile() throws Exception {
		String alice = this.http.createUser("alice");
		assertThat(upload(alice, "..", "text/plain", "x")).endsWith("/file");
		assertThat(upload(alice, null, "text/plain", "x")).endsWith("/file");
		assertThat(upload(alice, "a\\b\\c.exe", "text/plain", "x")).endsWith("/c.exe");
	}

	private static void assertSandboxed(HttpResponse<byte[]> download) {
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(download.headers().firstValue("Content-Security-Policy").orElseThrow())
			.contains("default-src 'none'", "sandbox")
			.doesNotContain("script-src", "allow-scripts", "allow-same-origin");
	}

	private String upload(String user, String name, String type, String content) throws IOException, InterruptedException {
		HttpResponse<String> uploaded = FileHttp.upload(this.port, basic(user, "password1"), name, type,
				content.getBytes(StandardCharsets.UTF_8));
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		return uploaded.headers().firstValue("Location").orElseThrow();
	}

}
