package io.parley.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import io.parley.ParleyApplication;

/**
 * A Parley application a test starts, stops and closes itself, outside the test context cache: for restarts and
 * shutdowns. It isolates itself the way {@link ParleyTest} does. Settings are command-line arguments, which
 * outrank {@code ./application.yml}; the builder's {@code properties(...)} are defaults, which it would override.
 */
public final class StandaloneParley {

	/** A cheap hash and the abuse limits out of the way: for tests that start Parley themselves and load it hard. */
	static final Map<String, String> LIFTED_LIMITS = Map.of("parley.accounts.bcrypt-cost", "4",
			"parley.limits.login.max-failures", "1000000", "parley.limits.login.address-max-failures", "1000000",
			"parley.limits.login.max-checks-per-address", "100000", "parley.limits.messages.rate", "1000000",
			"parley.limits.messages.burst", "1000000", "parley.limits.messages.max-lag", "1h",
			"parley.limits.connections.per-address", "100000",
			"parley.limits.registrations.per-address-per-hour", "1000000");

	private StandaloneParley() {
	}

	/** Starts on free ports with an in-memory database of its own, unless {@code settings} ({@code key=value}) say otherwise. */
	public static ConfigurableApplicationContext start(String... settings) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("server.port", "0");
		values.put("parley.tcp.port", "0");
		values.put("parley.irc.port", "0");
		values.putAll(LIFTED_LIMITS);
		// a generated one would be logged at WARN by every start
		values.put("parley.admin.password", "standalone-admin-1");
		values.put("spring.datasource.url", "jdbc:h2:mem:parley-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		values.put("parley.files.directory", System.getProperty("java.io.tmpdir") + "/parley-files-" + UUID.randomUUID());
		for (String setting : settings) {
			int equals = setting.indexOf('=');
			values.put(setting.substring(0, equals), setting.substring(equals + 1));
		}
		// one argument per key: a key given twice would be bound as both values joined by a comma
		String[] args = values.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
		return new SpringApplicationBuilder(ParleyApplication.class).run(args);
	}

	/** The line-protocol port, once the listener is up. */
	public static int linePort(ConfigurableApplicationContext context) {
		return port(context, "lineServerFactory");
	}

	/** The port of the listener whose connection factory is the bean {@code factoryName}, once it is up. */
	public static int port(ConfigurableApplicationContext context, String factoryName) {
		return listeningPort(context.getBean(factoryName, AbstractServerConnectionFactory.class));
	}

	/** The port of {@code factory}'s listener, once it is up. */
	public static int listeningPort(AbstractServerConnectionFactory factory) {
		// asked at once: Awaitility first sleeps its poll interval (100 ms), which every client connecting paid
		await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(10)).until(factory::isListening);
		return factory.getPort();
	}

	/** A connected client that has read the HELLO line. */
	public static ChatClient connect(ConfigurableApplicationContext context) throws IOException {
		ChatClient client = new ChatClient("localhost", linePort(context));
		client.expectPrefix("HELLO ");
		return client;
	}

}
