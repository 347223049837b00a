package io.parley.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * The session keys that were {@code parley.tcp.*} still work for one release, each with one WARN line at start:
 * here the old login timeout (1 s) over the new key at its default in ./application.yml, and the old close grace
 * beside its new key in the same source, which wins.
 */
@ExtendWith(OutputCaptureExtension.class)
@ParleyTest(properties = { "parley.tcp.login-timeout=1s", "parley.tcp.close-grace=1s",
		"parley.sessions.close-grace=3s" })
class DeprecatedSessionKeysTest {

	@Autowired
	LineServer server;

	@Autowired
	SessionProperties properties;

	@Test
	void anOldKeyStillWorksAndWarnsOnce(CapturedOutput output) throws Exception {
		assertThat(this.properties.loginTimeout()).isEqualTo(Duration.ofSeconds(1));
		try (ChatClient client = this.server.connect()) {
			client.expect("BYE login-timeout");
		}
		assertThat(output.getOut().lines()
			.filter(line -> line.contains("WARN") && line.contains("parley.tcp.login-timeout is deprecated")))
			.singleElement()
			.asString()
			.contains("use parley.sessions.login-timeout");
	}

	@Test
	void aNewKeyWinsOverItsOldOne(CapturedOutput output) {
		assertThat(this.properties.closeGrace()).isEqualTo(Duration.ofSeconds(3));
		assertThat(output.getOut()).contains("parley.tcp.close-grace is deprecated")
			.contains("which wins, so parley.tcp.close-grace is ignored");
	}

}
