package io.parley.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The IRC parser on arbitrary lines (bytes decoded as the listener decodes them): it never throws, and what
 * it returns is a command without spaces, upper case, and parameters of which only the last may hold a
 * space. Runs the checked-in corpus under {@code IrcMessageFuzzTestInputs} in every build; fuzzes for real
 * with {@code JAZZER_FUZZ=1}.
 */
class IrcMessageFuzzTest {

	@FuzzTest(maxDuration = "30s")
	void everyLineParsesToNothingOrAWellFormedMessage(byte[] input) {
		String line = new String(input, StandardCharsets.UTF_8);
		IrcMessage message = IrcMessage.parse(line);
		if (message == null) {
			return;
		}
		assertThat(message.command()).isNotEmpty().doesNotContain(" ")
			.isEqualTo(message.command().toUpperCase(Locale.ROOT));
		for (int i = 0; i < message.params().size() - 1; i++) {
			assertThat(message.params().get(i)).isNotEmpty().doesNotContain(" ");
		}
	}

}
