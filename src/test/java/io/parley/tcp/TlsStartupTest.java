package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.StandaloneParley;
import io.parley.support.TestKeyStore;

/** Starting with TLS: the plain listeners can be off while TLS serves, and a key store that cannot be used stops the start with a message. */
@ExtendWith(OutputCaptureExtension.class)
class TlsStartupTest {

	@Test
	void thePlainListenersCanBeOffWhileTlsServesBothProtocols() throws Exception {
		try (ConfigurableApplicationContext parley = StandaloneParley.start(settings("parley.tcp.enabled=false",
				"parley.irc.enabled=false"))) {
			assertThat(parley.containsBean("lineServerFactory")).isFalse();
			assertThat(parley.containsBean("ircServerFactory")).isFalse();
			String name = LineServer.uniqueName("tlsonly");
			try (ChatClient line = TestKeyStore.connectLine(StandaloneParley.port(parley, "lineTlsServerFactory"))) {
				line.send("/register " + name + " password1").expect("OK register " + name);
			}
			try (ChatClient irc = new ChatClient(
					TestKeyStore.connect(StandaloneParley.port(parley, "ircTlsServerFactory")))) {
				irc.send("PASS password1\r").send("NICK " + name + "\r").send("USER " + name + " 0 * :only TLS\r");
				String line;
				do {
					line = irc.readLine();
				}
				while (line.startsWith(":parley NOTICE "));
				assertThat(line).startsWith(":parley 001 " + name + " ");
			}
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"parley.tcp.tls.key-store=/nonexistent/parley.p12 | There is no key store at /nonexistent/parley.p12 (parley.tcp.tls.key-store)",
			"parley.tcp.tls.key-store-password=wrong-password | parley.tcp.tls.key-store-password does not open the key store",
			"parley.irc.tls.key-password=wrong-password | cannot be unlocked with parley.irc.tls.key-password",
			"parley.irc.tls.key-store= | parley.irc.tls.key-store is not set",
			"parley.tcp.tls.protocols=TLSv1.9 | parley.tcp.tls.protocols names TLSv1.9, which this JVM does not know" })
	void aKeyStoreThatCannotBeUsedStopsTheStartWithAMessage(String setting, String message, CapturedOutput output) {
		assertThatThrownBy(() -> StandaloneParley.start(settings(setting)).close())
			.satisfies(failure -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
				.isInstanceOf(TlsSetupException.class)
				.hasMessageContaining(message));
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START", message, "Action:")
			.doesNotContain("\tat ", "Tomcat started", "HikariPool");
	}

	/** Both TLS listeners with the test key store, then {@code more} (which win). */
	private static String[] settings(String... more) {
		List<String> all = new ArrayList<>(Arrays.asList(TestKeyStore.tlsSettings()));
		all.addAll(Arrays.asList(more));
		return all.toArray(String[]::new);
	}

}
