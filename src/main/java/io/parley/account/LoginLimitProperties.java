package io.parley.account;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code parley.limits.login.*}: the lockout against password guessing, for chat logins and admin HTTP
 * alike.
 *
 * @param maxFailures failed logins for one account, or from one address, before further attempts are
 * refused
 * @param lockout how long failures are remembered: attempts are refused until this long after the last
 * failure
 * @param knownAddressFor how long an address an account logged in from stays exempt from that account's
 * lockout (not from the address's own)
 */
@Validated
@ConfigurationProperties("parley.limits.login")
public record LoginLimitProperties(@DefaultValue("5") @Min(1) int maxFailures,
		@DefaultValue("5m") @NotNull Duration lockout, @DefaultValue("30d") @NotNull Duration knownAddressFor) {
}
