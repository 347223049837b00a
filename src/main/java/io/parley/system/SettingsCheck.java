package io.parley.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Checks Parley's settings before anything starts (the HTTP server, the database, the listeners), and stops
 * the start with one report listing every problem at once ({@link SettingsFailureAnalyzer}): a value that is
 * not of its key's type ({@code parley.tcp.port=abc}), one outside its bounds, and a listener's port that
 * another process holds. Without it, the first bad key would stop the start half-way (after Tomcat and the
 * database had started, with their errors and thread-leak warnings before Boot's report), naming only itself;
 * and a busy chat port would only be noticed by the listener's thread, after "Started ParleyApplication".
 * <p>
 * Every {@code @ConfigurationProperties} record under {@code io.parley} is bound and validated here once,
 * as Boot will bind it again later; registered in {@code META-INF/spring.factories}.
 */
public class SettingsCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final String BASE_PACKAGE = "io.parley";

	/** The listeners' port keys, each with its address's key, the key that turns it on and that key's default. */
	private static final List<PortKey> PORTS = List.of(
			new PortKey("parley.tcp.port", "parley.tcp.host", "parley.tcp.enabled", true),
			new PortKey("parley.tcp.tls.port", "parley.tcp.host", "parley.tcp.tls.enabled", false),
			new PortKey("parley.irc.port", "parley.irc.host", "parley.irc.enabled", true),
			new PortKey("parley.irc.tls.port", "parley.irc.host", "parley.irc.tls.enabled", false),
			new PortKey("server.port", "server.address", null, true));

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		Environment environment = context.getEnvironment();
		List<String> problems = new ArrayList<>();
		try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
			Binder binder = Binder.get(environment);
			SpringValidatorAdapter validator = new SpringValidatorAdapter(validation.getValidator());
			for (Class<?> type : propertiesTypes(context.getClassLoader())) {
				String prefix = type.getAnnotation(ConfigurationProperties.class).value();
				binder.bind(prefix, Bindable.of(type), new Collecting(new ValidationBindHandler(validator), problems));
			}
		}
		if (problems.isEmpty()) {
			// a port is only worth trying when it is a number
			checkPorts(environment, problems);
		}
		if (!problems.isEmpty()) {
			throw new SettingsException(problems);
		}
	}

	private static List<Class<?>> propertiesTypes(ClassLoader loader) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		List<Class<?>> types = new ArrayList<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents(BASE_PACKAGE)) {
			types.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), loader));
		}
		return types;
	}

	/**
	 * Binds each listener's port for a moment, as the listener will: a port another process holds is named
	 * now, with its key. (A port taken between this check and the listener's start is still only logged.)
	 */
	private static void checkPorts(Environment environment, List<String> problems) {
		for (PortKey key : PORTS) {
			boolean enabled = (key.enabledKey() == null)
					|| environment.getProperty(key.enabledKey(), Boolean.class, key.enabledByDefault());
			Integer port = environment.getProperty(key.port(), Integer.class);
			if (!enabled || port == null || port <= 0) {
				continue;
			}
			String host = environment.getProperty(key.hostKey(), "");
			try (ServerSocket probe = new ServerSocket()) {
				probe.setReuseAddress(true);
				InetAddress address = host.isBlank() ? null : InetAddress.getByName(host);
				probe.bind(new InetSocketAddress(address, port));
			}
			catch (IOException ex) {
				problems.add(key.port() + "=" + port + ": the port cannot be listened on (" + ex.getMessage()
						+ "); another process holds it, or another of Parley's ports is set to it");
			}
		}
	}

	private record PortKey(String port, String hostKey, String enabledKey, boolean enabledByDefault) {
	}

	/**
	 * Notes every failure (a value of the wrong type, an object that fails validation) instead of stopping
	 * at the first, and goes on with the key's default, so that the next failure is found too.
	 */
	private static final class Collecting extends AbstractBindHandler {

		private final List<String> problems;

		Collecting(ValidationBindHandler validation, List<String> problems) {
			super(validation);
			this.problems = problems;
		}

		@Override
		public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				Exception error) {
			if (error instanceof BindValidationException invalid) {
				for (ObjectError objectError : invalid.getValidationErrors()) {
					this.problems.add(describe(invalid.getValidationErrors().getName(), objectError));
				}
			}
			else {
				ConfigurationProperty property = context.getConfigurationProperty();
				Object value = (property != null) ? property.getValue() : null;
				this.problems.add(name + "=" + value + ": not a valid " + typeName(target) + reason(error));
			}
			return null;
		}

		private static String describe(ConfigurationPropertyName objectName, ObjectError error) {
			if (error instanceof FieldError field) {
				return objectName + "." + kebab(field.getField()) + "=" + field.getRejectedValue() + ": "
						+ field.getDefaultMessage();
			}
			return objectName + ": " + error.getDefaultMessage();
		}

		private static String typeName(Bindable<?> target) {
			Class<?> type = target.getType().resolve(Object.class);
			return switch (type.getSimpleName()) {
				case "int", "Integer", "long", "Long" -> "whole number";
				case "boolean", "Boolean" -> "true or false";
				case "Duration" -> "duration (such as 30s, 5m)";
				case "DataSize" -> "size (such as 256KB)";
				default -> type.getSimpleName().toLowerCase(Locale.ROOT);
			};
		}

		private static String reason(Exception error) {
			Throwable root = error;
			while (root.getCause() != null && root.getCause() != root) {
				root = root.getCause();
			}
			return (root.getMessage() != null && root != error) ? " (" + root.getMessage() + ")" : "";
		}

		private static String kebab(String field) {
			StringBuilder out = new StringBuilder(field.length() + 4);
			for (char c : field.toCharArray()) {
				if (Character.isUpperCase(c)) {
					out.append('-').append(Character.toLowerCase(c));
				}
				else {
					out.append(c);
				}
			}
			return out.toString();
		}

	}

}
