package io.parley.history;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Flyway as Parley configures it on H2 ({@code spring.flyway.locations} in application.yml): the migrations every
 * database runs and H2's own ({@code V10__history_chunk_bytes.sql} is one). Without the second, a test's schema would
 * stop short of the one the store writes to.
 */
final class H2Migrations {

	private H2Migrations() {
	}

	static FluentConfiguration on(DataSource data) {
		return Flyway.configure().dataSource(data).locations("classpath:db/migration", "classpath:db/vendor/h2");
	}

}
