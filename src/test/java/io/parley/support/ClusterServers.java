package io.parley.support;

import java.io.IOException;
import java.net.ServerSocket;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

/**
 * Real PostgreSQL and Redis servers for the cluster tests, from Maven Central artifacts that ship their binaries
 * (nothing installed by hand, no mocks). Where a machine cannot run them the test is skipped, and says so loudly on
 * standard error; with {@code -Dparley.require-cluster-servers=true} (or the environment's {@code PARLEY_REQUIRE_CLUSTER_SERVERS=true}; {@code .ci/run} sets both) it fails instead.
 */
public final class ClusterServers {

	public static final String REQUIRED = "parley.require-cluster-servers";

	private ClusterServers() {
	}

	/** A PostgreSQL on a free port, or the test skipped (or failed under CI). */
	public static EmbeddedPostgres postgres() {
		try {
			return EmbeddedPostgres.builder().start();
		}
		catch (IOException | RuntimeException ex) {
			throw unavailable("PostgreSQL", ex);
		}
	}

	/** The JDBC URL of {@code postgres}'s default database. */
	public static String jdbcUrl(EmbeddedPostgres postgres) {
		return postgres.getJdbcUrl("postgres", "postgres");
	}

	/** The data source of {@code postgres}'s default database. */
	public static DataSource dataSource(EmbeddedPostgres postgres) {
		return postgres.getPostgresDatabase();
	}

	/** A Redis on {@code port} (0: a free one), started, or the test skipped (or failed under CI). */
	public static RedisServer redis(int port) {
		try {
			RedisServer redis = new RedisServer(port != 0 ? port : freePort());
			redis.start();
			return redis;
		}
		catch (IOException | RuntimeException ex) {
			throw unavailable("Redis", ex);
		}
	}

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static RuntimeException unavailable(String server, Exception cause) {
		String message = "SKIPPED: cannot start a real " + server + " here (" + cause + "); the cluster tests need it."
				+ " CI makes this a failure with -D" + REQUIRED + "=true";
		if (Boolean.getBoolean(REQUIRED) || "true".equals(System.getenv("PARLEY_REQUIRE_CLUSTER_SERVERS"))) {
			return new IllegalStateException(message, cause);
		}
		System.err.println("\n*** " + message + " ***\n");
		Assumptions.abort(message);
		return new IllegalStateException("unreachable");
	}

}
