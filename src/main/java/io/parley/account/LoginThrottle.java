package io.parley.account;

import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import io.parley.limits.AddressBlock;
import io.parley.system.LogText;

/**
 * Counts failed logins per account and per address; past the limit, both are refused until the lockout has
 * passed since the last failure. An account's lockout spares the addresses its owner has logged in from of
 * late: otherwise anyone could lock any user, the admin first, out of the server by guessing at its name.
 * Caffeine forgets quiet keys on its own and bounds the memory a flood of addresses can take.
 */
@Component
public class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	private static final int MAX_TRACKED_KEYS = 100_000;

	private final int maxFailures;

	private final Cache<String, AtomicInteger> failures;

	/** {@code account|address} pairs that logged in successfully, as keys; the values mean nothing. */
	private final Cache<String, Boolean> knownAddresses;

	public LoginThrottle(LoginLimitProperties properties) {
		this.maxFailures = properties.maxFailures();
		this.failures = Caffeine.newBuilder()
			.expireAfterWrite(properties.lockout())
			.maximumSize(MAX_TRACKED_KEYS)
			.build();
		this.knownAddresses = Caffeine.newBuilder()
			.expireAfterWrite(properties.knownAddressFor())
			.maximumSize(MAX_TRACKED_KEYS)
			.build();
	}

	/**
	 * True when the address has failed too often of late, or the account has and the address is not one its
	 * owner logged in from.
	 */
	public boolean isLocked(String address, String name) {
		if (count(addressKey(address)) >= this.maxFailures) {
			return true;
		}
		return name != null && count(accountKey(name)) >= this.maxFailures
				&& this.knownAddresses.getIfPresent(knownKey(name, address)) == null;
	}

	/**
	 * Counts a failure. The start of a lockout is logged, not each guess before it: that is what an operator
	 * (or fail2ban) watching the log acts on.
	 */
	public void failed(String address, String name) {
		if (increment(addressKey(address)) == this.maxFailures) {
			log.info("lockout of address {} after {} failed logins, the last for {}", address, this.maxFailures,
					LogText.escape(name));
		}
		if (name != null && UserNames.isValid(name) && increment(accountKey(name)) == this.maxFailures) {
			log.info("lockout of account {} after {} failed logins, the last from {}", name, this.maxFailures,
					address);
		}
	}

	/**
	 * A good password clears the account's count and makes the address a known one for the account; the
	 * address keeps its record of other guesses.
	 */
	public void succeeded(String address, String name) {
		this.failures.invalidate(accountKey(name));
		this.knownAddresses.put(knownKey(name, address), Boolean.TRUE);
	}

	private int increment(String key) {
		// put again so the lockout runs from the latest failure
		AtomicInteger count = this.failures.get(key, k -> new AtomicInteger());
		int now = count.incrementAndGet();
		this.failures.put(key, count);
		return now;
	}

	private int count(String key) {
		AtomicInteger count = this.failures.getIfPresent(key);
		return (count != null) ? count.get() : 0;
	}

	private static String addressKey(String address) {
		return "address:" + AddressBlock.of(address);
	}

	private static String knownKey(String name, String address) {
		return UserNames.key(name) + "|" + address;
	}

	private static String accountKey(String name) {
		return "account:" + UserNames.key(name);
	}

}
