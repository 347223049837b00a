package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCleanerTest {

	@Test
	void plainTextIsLeftAlone() {
		String text = "héllo wörld ✓ 日本語 😀";
		assertThat(TextCleaner.clean(text)).isSameAs(text);
	}

	@Test
	void removesC0ControlsAndDelButTurnsTabsIntoSpaces() {
		assertThat(TextCleaner.clean("a\u0000b\u0007c\u001b[31md\u007fe\tf\rg")).isEqualTo("abc[31mde fg");
	}

	@Test
	void removesC1Controls() {
		assertThat(TextCleaner.clean("a\u0080b\u009bc\u009fd")).isEqualTo("abcd");
	}

	@Test
	void removesBidirectionalOverrides() {
		assertThat(TextCleaner.clean("x\u202Eevil\u202Cy\u2066z\u2069")).isEqualTo("xevilyz");
	}

	@Test
	void keepsTheReplacementCharacterOfInvalidUtf8() {
		assertThat(TextCleaner.clean("bad \uFFFD byte")).isEqualTo("bad \uFFFD byte");
	}

	@Test
	void anExcerptIsCleanedAndCutAfter32CodePoints() {
		assertThat(TextCleaner.excerpt("x".repeat(32))).isEqualTo("x".repeat(32));
		assertThat(TextCleaner.excerpt("x".repeat(33))).isEqualTo("x".repeat(32) + "...");
		// cleaned first: the control characters do not count towards the 32
		assertThat(TextCleaner.excerpt("\u001b[2J" + "x".repeat(32))).isEqualTo("[2J" + "x".repeat(29) + "...");
		// 😀 is two chars: cutting by chars would split the last one into a lone surrogate
		assertThat(TextCleaner.excerpt("\uD83D\uDE00".repeat(40))).isEqualTo("\uD83D\uDE00".repeat(32) + "...");
	}

}
