package io.parley.account;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code parley.accounts.*}.
 *
 * @param bcryptCost BCrypt log rounds; each step doubles the time a hash takes
 * @param hashThreads threads that hash passwords, apart from the chat's; 0 means half the processors
 * (at least one), so a burst of logins leaves the rest of the machine to the chat
 * @param hashQueue logins and registrations that may wait for a hashing thread, in each lane (logins from
 * addresses their accounts know, which go first, and all others); past it a client gets {@code ERR server-busy}
 * @param guests whether a client may chat without an account, under a name nobody has registered
 * @param password the length a new password must have
 */
@Validated
@ConfigurationProperties("parley.accounts")
public record AccountProperties(@DefaultValue("10") @Min(4) @Max(31) int bcryptCost,
		@DefaultValue("0") @Min(0) int hashThreads, @DefaultValue("1000") @Min(1) int hashQueue,
		@DefaultValue("false") boolean guests, @DefaultValue @Valid Password password) {

	/**
	 * {@code parley.accounts.password.*}: how long a new password must be (registration, password changes, the
	 * admin API). The defaults suit people; a test server may accept what a conformance suite's fixtures use.
	 *
	 * @param minLength fewest characters
	 * @param maxLength most characters, at most {@value AccountService#PASSWORD_LIMIT}
	 */
	public record Password(@DefaultValue("8") @Min(1) int minLength,
			@DefaultValue("128") @Min(1) @Max(AccountService.PASSWORD_LIMIT) int maxLength) {
	}

	public int effectiveHashThreads() {
		return this.hashThreads > 0 ? this.hashThreads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
	}

}
