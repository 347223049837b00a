package io.parley.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * Without Chromium the browser tests are skipped, and say so loudly; when they are required (CI) they fail, so
 * that they can never pass silently.
 */
class BrowsersTest {

	private static final List<String> NOWHERE = List.of("/nonexistent/chromium");

	@Test
	void withoutChromiumTheBrowserTestsAreSkippedLoudly() {
		PrintStream stderr = System.err;
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
		try {
			assertThatThrownBy(() -> Browsers.find(NOWHERE, false)).isInstanceOf(TestAbortedException.class)
				.hasMessageContaining("BROWSER TESTS SKIPPED");
		}
		finally {
			System.setErr(stderr);
		}
		assertThat(printed.toString(StandardCharsets.UTF_8)).contains("!!! BROWSER TESTS SKIPPED: no Chromium at");
	}

	@Test
	void withoutChromiumRequiredBrowserTestsFail() {
		assertThatThrownBy(() -> Browsers.find(NOWHERE, true)).isInstanceOf(AssertionError.class)
			.hasMessageContaining("-Dparley.require-browser=true makes them mandatory");
	}

	@Test
	void chromiumFoundIsUsed() {
		assertThat(Browsers.find(List.of("/nonexistent/chromium", "/bin/sh"), true)).hasToString("/bin/sh");
	}

}
