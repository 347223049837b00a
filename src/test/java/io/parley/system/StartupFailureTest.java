package io.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.parley.support.ParleyProcess;

/**
 * A start that cannot work stops with Boot's one "APPLICATION FAILED TO START" report, naming the key and what
 * to do, before anything starts that would have to be undone; no stack trace, no Tomcat or bean-creation
 * errors first (issue 12, item 4). The real application, as a process of its own.
 */
class StartupFailureTest {

	@TempDir
	Path directory;

	@Test
	void aBusyLinePortStopsTheStartNamingTheKeyAndThePort() throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			int port = taken.getLocalPort();
			ParleyProcess.Exit exit = ParleyProcess.startExpectingFailure(this.directory,
					"parley.tcp.port=" + port);
			assertThat(exit.code()).isNotZero();
			assertOneReport(exit.output());
			assertThat(exit.output()).contains("parley.tcp.port", Integer.toString(port))
				.doesNotContain("Started ParleyApplication");
		}
	}

	@Test
	void badValuesAreAllReportedAtOnceBeforeAnythingStarts() throws Exception {
		ParleyProcess.Exit exit = ParleyProcess.startExpectingFailure(this.directory, "parley.tcp.port=abc",
				"parley.irc.max-line-bytes=-5", "parley.limits.idle.keep-alive.probes=0");
		assertThat(exit.code()).isNotZero();
		assertOneReport(exit.output());
		assertThat(exit.output()).contains("parley.tcp.port", "abc", "parley.irc.max-line-bytes",
				"parley.limits.idle.keep-alive.probes");
	}

	private static void assertOneReport(String output) {
		assertThat(output).containsOnlyOnce("APPLICATION FAILED TO START")
			.contains("Action:")
			.doesNotContain("\tat ", "Tomcat initialized", "Tomcat started", "HikariPool", "BeanCreationException",
					"Error creating bean", "appears to have started a thread", "BindException");
	}

}
