package io.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

	@Test
	void whateverCouldEndOrForgeALineIsEscaped() {
		assertThat(LogText.escape("bye\r\nINFO forged\u001b[2J\u0085\u2028x\\y"))
			.isEqualTo("bye\\x0d\\x0aINFO forged\\x1b[2J\\u0085\\u2028x\\\\y");
		assertThat(LogText.escape("\u202Eevil")).isEqualTo("\\u202eevil");
		assertThat(LogText.escape("ok \ud83d\ude00 \ud83d")).isEqualTo("ok \ud83d\ude00 \\ud83d");
		assertThat(LogText.escape(null)).isNull();
	}

	@Test
	void aLongTextIsCutNeverInsideAPair() {
		assertThat(LogText.escape("x".repeat(1000))).hasSize(LogText.MAX_CHARS + 3).endsWith("...");
		String pairAtTheCut = "x".repeat(LogText.MAX_CHARS - 1) + "\ud83d\ude00";
		assertThat(LogText.escape(pairAtTheCut)).isEqualTo("x".repeat(LogText.MAX_CHARS - 1) + "...");
	}

}
