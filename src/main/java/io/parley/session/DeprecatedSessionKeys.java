package io.parley.session;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Reads the session keys that were {@code parley.tcp.*} until they became {@code parley.sessions.*}
 * ({@link SessionProperties}), for one release: each old key that is set and whose new key is not is copied
 * to the new key, with one WARN line at start naming both. Of an old key and its new one, the one set in the
 * source of higher precedence wins (an environment variable over a file; in one file, the new key). Registered
 * in {@code META-INF/spring.factories}; runs after the configuration files are read.
 */
public class DeprecatedSessionKeys implements EnvironmentPostProcessor, Ordered {

	/** Old key to new key. */
	static final Map<String, String> RENAMED = Map.of("parley.tcp.login-timeout", "parley.sessions.login-timeout",
			"parley.tcp.send-queue-bytes", "parley.sessions.send-queue-bytes", "parley.tcp.close-grace",
			"parley.sessions.close-grace");

	private final Log log;

	public DeprecatedSessionKeys(DeferredLogFactory logs) {
		this.log = logs.getLog(DeprecatedSessionKeys.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> copied = new LinkedHashMap<>();
		RENAMED.forEach((old, renamed) -> {
			PropertySource<?> oldSource = firstHolding(environment, old);
			if (oldSource == null) {
				return;
			}
			PropertySource<?> newSource = firstHolding(environment, renamed);
			boolean oldWins = newSource == null || rank(environment, oldSource) < rank(environment, newSource);
			this.log.warn(old + " is deprecated and will be removed in the next release: use " + renamed
					+ (oldWins ? "" : " (set in " + newSource.getName() + ", which wins, so " + old + " is ignored)"));
			if (oldWins) {
				copied.put(renamed, environment.getProperty(old));
			}
		});
		if (!copied.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource("deprecatedSessionKeys", copied));
		}
	}

	/**
	 * The source of highest precedence that sets {@code name}, in any of its relaxed forms
	 * ({@code PARLEY_TCP_LOGIN_TIMEOUT} too); null when none does. So an old key set where the operator sets
	 * things (an environment variable) is not hidden by the new key at its default in a shipped file.
	 */
	private static PropertySource<?> firstHolding(ConfigurableEnvironment environment, String name) {
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (!ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)
					&& source.containsProperty(name)) {
				return source;
			}
		}
		return null;
	}

	private static int rank(ConfigurableEnvironment environment, PropertySource<?> source) {
		return environment.getPropertySources().precedenceOf(source);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
