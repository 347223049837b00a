package io.parley.account;

import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

/**
 * Counts failed logins per account and per address; past the limit, both are refused until the lockout has
 * passed since the last failure. Caffeine forgets quiet keys on its own and bounds the memory a flood of
 * addresses can take.
 */
@Component
public class LoginThrottle {

	private static final int MAX_TRACKED_KEYS = 100_000;

	private final int maxFailures;

	private final Cache<String, AtomicInteger> failures;

	public LoginThrottle(LoginLimitProperties properties) {
		this.maxFailures = properties.maxFailures();
		this.failures = Caffeine.newBuilder()
			.expireAfterWrite(properties.lockout())
			.maximumSize(MAX_TRACKED_KEYS)
			.build();
	}

	/** True when the address or the account has failed too often of late. */
	public boolean isLocked(String address, String name) {
		return count(addressKey(address)) >= this.maxFailures
				|| (name != null && count(accountKey(name)) >= this.maxFailures);
	}

	public void failed(String address, String name) {
		increment(addressKey(address));
		if (name != null && UserNames.isValid(name)) {
			increment(accountKey(name));
		}
	}

	/** A good password clears the account's count; the address keeps its record of other guesses. */
	public void succeeded(String name) {
		this.failures.invalidate(accountKey(name));
	}

	private void increment(String key) {
		// put again so the lockout runs from the latest failure
		AtomicInteger count = this.failures.get(key, k -> new AtomicInteger());
		count.incrementAndGet();
		this.failures.put(key, count);
	}

	private int count(String key) {
		AtomicInteger count = this.failures.getIfPresent(key);
		return (count != null) ? count.get() : 0;
	}

	private static String addressKey(String address) {
		return "address:" + address;
	}

	private static String accountKey(String name) {
		return "account:" + UserNames.key(name);
	}

}
