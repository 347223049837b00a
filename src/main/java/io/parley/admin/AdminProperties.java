package io.parley.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.admin.*}: the first administrator, created at start-up when the database has none.
 *
 * @param name the account's name
 * @param password its password; when blank, a random one is generated and logged once at WARN. Read only
 * while no admin exists: changing it later changes nothing (use the admin API to change a password)
 */
@ConfigurationProperties("parley.admin")
public record AdminProperties(@DefaultValue("admin") String name,
		String password) {

	boolean hasPassword() {
		return this.password != null && !this.password.isBlank();
	}

}
