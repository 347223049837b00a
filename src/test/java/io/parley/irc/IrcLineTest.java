package io.parley.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** How the gateway writes lines and reads text: the parts a server round trip cannot pin down. */
class IrcLineTest {

	@Test
	void anEmptyMiddleParameterIsWrittenAsAStarSoTheOthersKeepTheirPlaces() {
		assertThat(new IrcLine().add(null, "parley", "322", "", "nick", "", "2"))
			.hasToString(":parley 322 nick * 2 :\r\n");
		assertThat(new IrcLine().addPlain("time=x", "a!a@parley", "JOIN", "#room"))
			.hasToString("@time=x :a!a@parley JOIN #room\r\n");
	}

	@Test
	void noPartOfALineCanEndItEarlyOrMakeItLongerThan512Bytes() {
		String line = new IrcLine().add("time=x", "parley", "301", "away\r\nQUIT :forged\0" + "é".repeat(400), "me", "nick")
			.toString();
		assertThat(line).startsWith("@time=x :parley 301 me nick :away  QUIT :forged é").endsWith("é\r\n");
		assertThat(line.indexOf('\r')).isEqualTo(line.length() - 2);
		assertThat(line.indexOf('\0')).isNegative();
		assertThat(line.substring("@time=x ".length()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeBetween(511, 512);
		// tags past the message-tags spec's bound for what a server sends go, whole; at the bound they stay
		assertThat(new IrcLine().addPlain("x".repeat(IrcLine.MAX_TAG_BYTES - 1), "parley", "PING", "t"))
			.hasToString(":parley PING t\r\n");
		assertThat(new IrcLine().addPlain("x".repeat(IrcLine.MAX_TAG_BYTES - 2), "parley", "PING", "t"))
			.hasToString("@" + "x".repeat(IrcLine.MAX_TAG_BYTES - 2) + " :parley PING t\r\n");
	}

	@Test
	void serverTimeAlwaysHasMilliseconds() {
		assertThat(IrcEvents.timeTag(Instant.parse("2026-11-28T15:00:00Z"))).isEqualTo("time=2026-11-28T15:00:00.000Z");
		assertThat(IrcEvents.timeTag(Instant.parse("2026-11-28T15:00:00.123456Z")))
			.isEqualTo("time=2026-11-28T15:00:00.123Z");
	}

	@Test
	void formattingCodesGoWithTheirColourNumbersButTheTextKeepsItsOwnDigitsAndCommas() {
		assertThat(IrcFormatting.strip("\u00034,12x\u0003 \u0003 99 bottles, \u00035,text \u000312,3")).isEqualTo("x  99 bottles, ,text ");
		assertThat(IrcFormatting.strip("\u0003123")).isEqualTo("3");
		assertThat(IrcFormatting.strip("\u0004FF00aa,00ff00hex \u0004zz")).isEqualTo("hex zz");
		assertThat(IrcFormatting.strip("plain \u0001ACTION\u0001")).isEqualTo("plain \u0001ACTION\u0001");
	}

}
