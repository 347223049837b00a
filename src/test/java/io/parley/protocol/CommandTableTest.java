package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;

class CommandTableTest {

	private static CommandSpec<Object> spec(String name) {
		return CommandSpec.afterLogin(name, Arity.NONE, "/" + name, name, (s, a) -> {
		});
	}

	@Test
	void findsCommandsIgnoringCase() {
		CommandTable<Object> table = new CommandTable<>(List.of(spec("msg"), spec("join")));
		assertThat(table.find("MSG")).get().extracting(CommandSpec::name).isEqualTo("msg");
		assertThat(table.find("Join")).isPresent();
		assertThat(table.find("nope")).isEmpty();
	}

	@Test
	void keepsDeclarationOrderForHelp() {
		CommandTable<Object> table = new CommandTable<>(List.of(spec("b"), spec("a"), spec("c")));
		assertThat(table.all()).extracting(CommandSpec::name).containsExactly("b", "a", "c");
	}

	@Test
	void refusesACommandDeclaredTwice() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CommandTable<>(List.of(spec("msg"), spec("MSG"))))
			.withMessageContaining("MSG");
	}

}
