package io.parley.files;

import static io.parley.files.FileHttp.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.parley.support.ChatClient;
import io.parley.support.ParleyProcess;

/**
 * Files and their links outlive the process: the bytes are on disk, the metadata in the file database, and a
 * link is the same string after a restart, even after a {@code kill -9}. An upload the kill cut short leaves
 * nothing that the next start does not remove.
 */
class FileRestartTest {

	private static final String BASE = "https://chat.example.org";

	@TempDir
	Path workDir;

	@Test
	void aRestartKeepsFilesAndLinks() throws Exception {
		byte[] bytes = "kept across restarts\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
		String link;
		try (ParleyProcess first = start()) {
			try (ChatClient alice = new ChatClient("localhost", first.linePort())) {
				alice.expectPrefix("HELLO ");
				alice.send("/register alice password1").expect("OK register alice");
			}
			HttpResponse<String> uploaded = FileHttp.upload(first.httpPort(), basic("alice", "password1"), "notes.txt",
					"text/plain", bytes);
			assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
			link = uploaded.headers().firstValue("Location").orElseThrow();
			assertThat(link).startsWith(BASE + "/files/").endsWith("/notes.txt");
			// a leftover as a kill mid-upload leaves one
			Files.writeString(this.workDir.resolve("data/files/incoming/cut-short.part"), "half an upload");
			first.kill();
		}
		try (ParleyProcess second = start()) {
			HttpResponse<byte[]> download = FileHttp.get("http://localhost:" + second.httpPort() + URI.create(link).getPath());
			assertThat(download.statusCode()).isEqualTo(200);
			assertThat(download.body()).isEqualTo(bytes);
			assertThat(this.workDir.resolve("data/files/incoming")).isEmptyDirectory();
			try (ChatClient alice = new ChatClient("localhost", second.linePort())) {
				alice.expectPrefix("HELLO ");
				alice.send("/login alice password1").expect("OK login alice");
				// a share with oneself reaches every session of one's own, this one too, before its OK
				alice.send("/share alice " + link);
				alice.expect("FILE * alice " + bytes.length + " text/plain " + link + " notes.txt");
				alice.expectPrefix("OK share ");
			}
			HttpRequest listed = HttpRequest.newBuilder(URI.create("http://localhost:" + second.httpPort()
					+ "/api/admin/files?user=alice"))
				.header("Authorization", basic("admin", ParleyProcess.ADMIN_PASSWORD))
				.build();
			assertThat(FileHttp.CLIENT.send(listed, HttpResponse.BodyHandlers.ofString()).body()).contains(link);
		}
	}

	private ParleyProcess start() throws Exception {
		return ParleyProcess.start(this.workDir, List.of(), "parley.files.base-url=" + BASE);
	}

}
