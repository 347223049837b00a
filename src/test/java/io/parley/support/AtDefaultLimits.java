package io.parley.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * With {@link ParleyTest}: the abuse limits it lifts, put back to their defaults, for tests of what a client
 * meets on a server as shipped (a paste, an attack). Test classes that carry both share one context.
 * {@code AmplificationTest#theseAreTheDefaults} checks the values against the configuration's defaults.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestPropertySource(properties = { "parley.limits.messages.rate=10", "parley.limits.messages.burst=40",
		"parley.limits.connections.per-address=20", "parley.limits.connections.total=10000",
		"parley.limits.registrations.per-address-per-hour=10" })
public @interface AtDefaultLimits {

}
