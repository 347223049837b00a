package io.parley.system;

import java.util.List;

/** Every problem {@link SettingsCheck} found in Parley's settings, one line each naming its key. */
public class SettingsException extends RuntimeException {

	private final List<String> problems;

	SettingsException(List<String> problems) {
		super("Parley's settings have " + problems.size() + " problem(s): " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return this.problems;
	}

}
