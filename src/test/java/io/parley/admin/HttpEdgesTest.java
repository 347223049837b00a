package io.parley.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.support.AdminHttp;
import io.parley.support.ParleyTest;

/** What the HTTP port answers to requests nobody should send: no stack traces, no status 999 (issue 13, item 9). */
@ParleyTest
@ExtendWith(OutputCaptureExtension.class)
class HttpEdgesTest {

	@Autowired
	AdminHttp http;

	@LocalServerPort
	int port;

	@Test
	void aHugeRequestHeaderIsAnswered431WithoutAStackTrace(CapturedOutput output) throws Exception {
		assertThat(statusOfHeaderOf(20 * 1024)).isEqualTo("HTTP/1.1 431");
		// beyond what Tomcat parses at all it answers itself, as quietly
		assertThat(statusOfHeaderOf(100 * 1024)).isEqualTo("HTTP/1.1 400");
		assertThat(output.getAll()).doesNotContain("\tat ", "Error parsing HTTP request header",
				"Request header is too large");
	}

	private String statusOfHeaderOf(int bytes) throws Exception {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "x".repeat(bytes)
					+ "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readNBytes(12), StandardCharsets.US_ASCII);
		}
	}

	@Test
	void errorAskedForDirectlyIsNotFoundNot999() {
		for (AdminHttp.Call caller : new AdminHttp.Call[] { this.http.anonymous(), this.http.admin() }) {
			AdminHttp.Response response = caller.get("/error");
			assertThat(response.status()).isIn(401, 404);
			assertThat(response.body()).doesNotContain("999");
		}
		assertThat(this.http.admin().get("/error").status()).isEqualTo(404);
	}

}
