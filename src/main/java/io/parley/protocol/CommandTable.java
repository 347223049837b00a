package io.parley.protocol;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The commands of one protocol, looked up by name ignoring case; kept in declaration order for help. */
public final class CommandTable<S> {

	private final Map<String, CommandSpec<S>> byName = new LinkedHashMap<>();

	public CommandTable(List<CommandSpec<S>> specs) {
		for (CommandSpec<S> spec : specs) {
			String key = spec.name().toLowerCase(Locale.ROOT);
			if (this.byName.putIfAbsent(key, spec) != null) {
				throw new IllegalArgumentException("Command declared twice: " + spec.name());
			}
		}
	}

	public Optional<CommandSpec<S>> find(String name) {
		return Optional.ofNullable(this.byName.get(name.toLowerCase(Locale.ROOT)));
	}

	public Collection<CommandSpec<S>> all() {
		return this.byName.values();
	}

}
