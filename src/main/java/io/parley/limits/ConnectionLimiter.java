package io.parley.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * Open connections, per address (an IPv6 address counts as its /64: {@link AddressBlock}) and in all. A connection over a limit is still counted until it closes:
 * it holds a socket and a reader all the same while it is told why it is being closed.
 */
@Component
public class ConnectionLimiter {

	private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();

	private final AtomicInteger total = new AtomicInteger();

	private final LimitProperties.Connections limits;

	public ConnectionLimiter(LimitProperties properties) {
		this.limits = properties.connections();
	}

	/**
	 * Counts a connection from {@code address}; the reason to refuse it ({@code too-many-connections},
	 * {@code server-full}), or null. Every call needs its {@link #closed}.
	 */
	public String opened(String address) {
		int all = this.total.incrementAndGet();
		int mine = this.perAddress.merge(AddressBlock.of(address), 1, Integer::sum);
		if (mine > this.limits.perAddress()) {
			return "too-many-connections";
		}
		return (all > this.limits.total()) ? "server-full" : null;
	}

	public void closed(String address) {
		this.total.decrementAndGet();
		this.perAddress.computeIfPresent(AddressBlock.of(address), (key, count) -> (count == 1) ? null : count - 1);
	}

	public int total() {
		return this.total.get();
	}

}
