package io.parley.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.admin.*}: the first administrator, created at start-up when the database has none.
 *
 * @param name the account's name
 * @param password its password; when blank, a random one is generated and logged once at WARN. Read only
 * while no admin exists (or with {@code resetPassword}): changing it later changes nothing (use the admin API
 * to change a password)
 * @param resetPassword for a forgotten admin password: at this start, the admin account {@code name} gets
 * {@code password} (or a generated one, logged once). Meant for one start, from the command line of someone
 * who can start the server, which is proof enough of being its operator
 */
@ConfigurationProperties("parley.admin")
public record AdminProperties(@DefaultValue("admin") String name,
		String password, @DefaultValue("false") boolean resetPassword) {

	boolean hasPassword() {
		return this.password != null && !this.password.isBlank();
	}

}
