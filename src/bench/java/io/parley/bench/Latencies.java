package io.parley.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, appended by one thread at a time (each loop thread has its own). */
final class Latencies {

	private long[] samples = new long[1 << 16];

	private int count;

	void add(long nanos) {
		if (this.count == this.samples.length) {
			this.samples = Arrays.copyOf(this.samples, this.samples.length * 2);
		}
		this.samples[this.count++] = nanos;
	}

	int count() {
		return this.count;
	}

	/** All samples of several recorders, sorted. */
	static long[] merged(Latencies... parts) {
		int total = 0;
		for (Latencies p : parts) {
			total += p.count;
		}
		long[] all = new long[total];
		int at = 0;
		for (Latencies p : parts) {
			System.arraycopy(p.samples, 0, all, at, p.count);
			at += p.count;
		}
		Arrays.sort(all);
		return all;
	}

	/** The q-quantile of sorted samples, in microseconds; NaN when there are none. */
	static double quantileMicros(long[] sorted, double q) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
		return sorted[Math.max(0, i)] / 1000.0;
	}

}
