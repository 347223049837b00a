package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArityTest {

	@Test
	void exactArityWantsExactlyThatManyWords() {
		assertThat(Arity.exactly(2).split("bob secret")).containsExactly("bob", "secret");
		assertThat(Arity.exactly(2).split("  bob    secret  ")).containsExactly("bob", "secret");
		assertThat(Arity.exactly(2).split("bob")).isNull();
		assertThat(Arity.exactly(2).split("bob secret extra")).isNull();
		assertThat(Arity.exactly(1).split("")).isNull();
	}

	@Test
	void textTailKeepsTheRestOfTheLineWithItsSpacing() {
		assertThat(Arity.wordsThenText(1).split("bob  hello   world ")).containsExactly("bob", "hello   world");
		assertThat(Arity.wordsThenText(1).split("bob")).isNull();
		assertThat(Arity.wordsThenText(0).split("hello  world")).containsExactly("hello  world");
		assertThat(Arity.wordsThenText(0).split("   ")).isNull();
	}

	@Test
	void optionalArgumentsMayBeLeftOut() {
		assertThat(Arity.upTo(1).split("")).isEmpty();
		assertThat(Arity.upTo(1).split("lobby")).containsExactly("lobby");
		assertThat(Arity.upTo(1).split("lobby dev")).isNull();
		assertThat(Arity.optionalText().split("")).isEmpty();
		assertThat(Arity.optionalText().split("see you all")).containsExactly("see you all");
	}

	@Test
	void noArgumentsMeansNone() {
		assertThat(Arity.NONE.split("")).isEmpty();
		assertThat(Arity.NONE.split("x")).isNull();
	}

	@Test
	void acceptsCountsForProtocolsThatSplitThemselves() {
		assertThat(Arity.upTo(1).accepts(0)).isTrue();
		assertThat(Arity.upTo(1).accepts(2)).isFalse();
		assertThat(Arity.wordsThenText(1).accepts(2)).isTrue();
		assertThat(Arity.wordsThenText(1).accepts(1)).isFalse();
	}

}
