package io.parley.account;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code parley.limits.login.*}: the budgets against password guessing, for chat logins, IRC and admin HTTP
 * alike. A failure is reserved before its password is hashed, so guesses sent at once count as they arrive.
 *
 * @param maxFailures failed logins for one account from addresses it does not know, before such attempts are
 * refused; the same number again for each address it knows, counted apart (a typo at home does not lock the
 * office, and guesses from elsewhere never lock either)
 * @param lockout how long an account's failures are remembered: attempts are refused until this long after the
 * last failure
 * @param addressMaxFailures failed logins from one address, whatever the name, before that address is refused
 * logins to accounts that do not know it; larger than {@code maxFailures}, as many people may share an address
 * @param addressLockout how long an address's failures are remembered
 * @param maxChecksPerAddress password checks one address may have waiting or running at once for accounts that
 * do not know it; more are refused without hashing
 * @param knownAddressFor how long an address an account logged in (or registered) from stays known to it
 */
@Validated
@ConfigurationProperties("parley.limits.login")
public record LoginLimitProperties(@DefaultValue("5") @Min(1) int maxFailures,
		@DefaultValue("5m") @NotNull Duration lockout, @DefaultValue("30") @Min(1) int addressMaxFailures,
		@DefaultValue("30m") @NotNull Duration addressLockout, @DefaultValue("5") @Min(1) int maxChecksPerAddress,
		@DefaultValue("30d") @NotNull Duration knownAddressFor) {
}
