package io.parley.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.springframework.boot.test.system.CapturedOutput;

/**
 * Disconnects, resets and garbage are never logged above INFO nor with a stack trace (README.md, "Logging"): the
 * check for a test that captures its output.
 */
public final class QuietLog {

	private QuietLog() {
	}

	/** Nothing worrying in the whole captured output. */
	public static void assertQuiet(CapturedOutput output) {
		assertQuietSince(output, 0);
	}

	/** Nothing worrying in the captured output after its first {@code mark} characters. */
	public static void assertQuietSince(CapturedOutput output, int mark) {
		// sessions end on other threads and may log a moment later, so the log must stay clean for a while; the
		// INFO lines of logins and logouts show the capture works at all
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(output.getAll().substring(mark)).contains(" INFO ")
				.doesNotContain(" WARN ", " ERROR ", "Exception", "\tat "));
	}

}
