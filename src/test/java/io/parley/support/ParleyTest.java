package io.parley.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * Starts the whole application on free ports (TCP and HTTP) with an in-memory H2 of its own; tests then talk
 * to it over real sockets through {@link LineServer} and over real HTTP through {@link AdminHttp}.
 * <p>
 * The isolating settings are inlined: the project's own {@code ./application.yml}, read from the working
 * directory, outranks {@code application-test.yml} on the class path, and would give every context port
 * 5555 and the file database under {@code ./data}. A test class that needs another value for one of them
 * declares a {@code @TestPropertySource} of its own, which wins over this one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:parley-${random.uuid};DB_CLOSE_DELAY=-1",
		"parley.tcp.port=0", "parley.irc.port=0", "parley.accounts.bcrypt-cost=4",
		// every test client comes from 127.0.0.1: the login lockout has a test of its own
		"parley.limits.login.max-failures=1000000", "parley.limits.login.address-max-failures=1000000",
		"parley.limits.login.max-checks-per-address=100000", "parley.admin.password=" + AdminHttp.ADMIN_PASSWORD,
		// nor do the abuse limits apply to tests that are not about them (LimitsTest is)
		"parley.limits.messages.rate=1000000", "parley.limits.messages.burst=1000000",
		"parley.limits.connections.per-address=100000", "parley.limits.connections.total=100000",
		"parley.limits.registrations.per-address-per-hour=1000000",
		// shared files in a directory of each context's own, not under ./data
		"parley.files.directory=${java.io.tmpdir}/parley-files-${random.uuid}" })
@Import({ LineServer.class, AdminHttp.class, IrcGateway.class })
public @interface ParleyTest {

	/** Extra properties, e.g. {@code "parley.sessions.login-timeout=1s"}; each set makes a context of its own. */
	@AliasFor(annotation = SpringBootTest.class, attribute = "properties")
	String[] properties() default {};

}
