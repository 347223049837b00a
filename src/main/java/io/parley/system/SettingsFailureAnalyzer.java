package io.parley.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Boot's "APPLICATION FAILED TO START" report for {@link SettingsException}: every bad setting on a line of its
 * own, and where to fix them; the stack trace at DEBUG only. Registered in {@code META-INF/spring.factories}.
 */
class SettingsFailureAnalyzer extends AbstractFailureAnalyzer<SettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SettingsException cause) {
		StringBuilder description = new StringBuilder("Parley's settings have ")
			.append(cause.problems().size() == 1 ? "a problem" : cause.problems().size() + " problems")
			.append(':');
		cause.problems().forEach(problem -> description.append(System.lineSeparator()).append("    ").append(problem));
		return new FailureAnalysis(description.toString(),
				"Fix each setting named above, where it is set: application.yml, an environment variable "
						+ "(PARLEY_TCP_PORT for parley.tcp.port) or a command-line argument (--parley.tcp.port=5555). "
						+ "README.md, \"Configuration\", says what each key takes. For a busy port, stop what "
						+ "holds it (ss -ltnp shows which process) or choose another port.",
				cause);
	}

}
