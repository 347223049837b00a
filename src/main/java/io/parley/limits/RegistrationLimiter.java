package io.parley.limits;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

/**
 * New accounts per address (an IPv6 address counts as its /64: {@link AddressBlock}) in the last hour, so one host cannot fill the database with names. The hour runs
 * from an address's first registration: Caffeine drops the count an hour after it was created, as counts
 * are changed in place, never written again.
 */
@Component
public class RegistrationLimiter {

	private static final int MAX_TRACKED_ADDRESSES = 100_000;

	private final int perHour;

	private final Cache<String, AtomicInteger> counts = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofHours(1))
		.maximumSize(MAX_TRACKED_ADDRESSES)
		.build();

	public RegistrationLimiter(LimitProperties properties) {
		this.perHour = properties.registrations().perAddressPerHour();
	}

	/** Takes one registration for {@code address}; false when its hour's allowance is spent. */
	public boolean tryRegister(String address) {
		AtomicInteger count = this.counts.get(AddressBlock.of(address), key -> new AtomicInteger());
		if (count.incrementAndGet() > this.perHour) {
			count.decrementAndGet();
			return false;
		}
		return true;
	}

	/** Gives back a registration that did not create an account (a taken name, a weak password). */
	public void giveBack(String address) {
		AtomicInteger count = this.counts.getIfPresent(AddressBlock.of(address));
		if (count != null) {
			count.decrementAndGet();
		}
	}

}
