package io.parley.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** One figure per line, tab-separated: server, scenario, run, metric, value. Appended as each run ends. */
final class Rows {

	private final Path file;

	Rows(Path file) {
		this.file = file;
	}

	synchronized void add(String server, String scenario, String rep, String metric, double value) {
		String line = String.join("\t", server, scenario, rep, metric, String.format(Locale.ROOT, "%.6g", value));
		System.out.printf("  %-12s %-7s run %-2s %-32s %s%n", server, scenario, rep, metric,
				String.format(Locale.ROOT, "%.4g", value));
		try {
			Files.writeString(this.file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
