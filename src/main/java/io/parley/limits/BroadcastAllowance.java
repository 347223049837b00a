package io.parley.limits;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;

import org.springframework.stereotype.Component;

/**
 * Each user's allowance of broadcasts ({@code parley.broadcast.*}), kept by user rather than by session, so
 * five sessions do not broadcast five times as much, and kept a while after the user leaves, so logging in
 * again does not refill it.
 */
@Component
public class BroadcastAllowance {

	private static final int MAX_TRACKED_USERS = 100_000;

	private final BroadcastProperties properties;

	private final Cache<String, Bucket> buckets;

	public BroadcastAllowance(BroadcastProperties properties) {
		this.properties = properties;
		// a bucket untouched for as long as it takes to fill up again is as good as a new one
		Duration refill = Duration.ofMinutes(1).multipliedBy(properties.burst()).dividedBy(properties.perMinute());
		this.buckets = Caffeine.newBuilder()
			.expireAfterAccess(refill.plusMinutes(1))
			.maximumSize(MAX_TRACKED_USERS)
			.build();
	}

	public BroadcastProperties properties() {
		return this.properties;
	}

	/** Takes one broadcast from the allowance of the user with name key {@code userKey}; false when spent. */
	public boolean tryTake(String userKey) {
		return this.buckets
			.get(userKey,
					key -> Bucket.builder()
						.addLimit(limit -> limit.capacity(this.properties.burst())
							.refillGreedy(this.properties.perMinute(), Duration.ofMinutes(1)))
						.build())
			.tryConsume(1);
	}

}
