package io.parley.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Direct messages under the two loads of issue 15 beside {@link Scenarios#direct}'s ping-pong: paced senders
 * (an open loop at a fixed rate every server can carry, so CPU per message and the round trip are compared
 * at the same load) and flooding senders (as fast as TCP takes their bytes, so the server sets the rate).
 */
final class DirectLoads {

	/** Lines a flooding sender hands to its socket in one write. */
	private static final int FLOOD_BATCH = 32;

	private final Scenarios scenarios;

	DirectLoads(Scenarios scenarios) {
		this.scenarios = scenarios;
	}

	// ---------------------------------------------------------------- paced

	/**
	 * Each of the pairs' first clients starts a round trip every {@code pacedIntervalMillis} (the second echoes
	 * it), whether or not the last one came back, for {@code pacedSeconds}; the pairs are spread over the
	 * interval so the load is even. 50 pairs every 5 ms are 20,000 messages a second, well under what every
	 * server carried in the last round (38,000 and more).
	 */
	void paced(String rep) throws InterruptedException {
		Scenarios s = this.scenarios;
		s.settle();
		int pairs = s.scale().pairs();
		int interval = s.scale().pacedIntervalMillis();
		LongAdder messages = new LongAdder();
		AtomicLong started = new AtomicLong();
		Map<Thread, Latencies> latencies = new ConcurrentHashMap<>();
		Client.Handler pair = s.pairHandler(0, messages,
				() -> latencies.computeIfAbsent(Thread.currentThread(), t -> new Latencies()), new CountDownLatch(1),
				c -> {
				});
		Scenarios.Registered r = s.register(2 * pairs, s.setupInFlight(),
				i -> "p" + rep + (i % 2 == 0 ? "a" : "b") + i / 2, c -> pair);
		Client[] byIndex = Scenarios.index(r, 2 * pairs);
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
		long[] tick = { 0 };
		Scenarios.Timing timing = s.new Timing();
		timer.scheduleAtFixedRate(() -> {
			int slot = (int) (tick[0]++ % interval);
			for (int i = slot; i < pairs; i += interval) {
				if (byIndex[2 * i] != null && byIndex[2 * i + 1] != null && !byIndex[2 * i].isClosed()) {
					started.incrementAndGet();
					s.ping(byIndex[2 * i]);
				}
			}
		}, 0, 1, TimeUnit.MILLISECONDS);
		Thread.sleep(s.scale().pacedSeconds() * 1000L);
		timer.shutdown();
		timer.awaitTermination(5, TimeUnit.SECONDS);
		Scenarios.awaitCount(messages, 2 * started.get(), 30);
		long got = messages.sum();
		s.recordTimed(rep, "paced", timing, System.nanoTime(), got, new String[] { "messages", "message", "_rtt" },
				latencies);
		record(rep, "paced", "offered_per_s", 2.0 * started.get() / s.scale().pacedSeconds());
		record(rep, "paced", "lost", 2 * started.get() - got);
		r.closeAll();
	}

	// ---------------------------------------------------------------- flood

	/**
	 * Each pair's first client sends {@code floodPerSender} private messages to the second as fast as its
	 * socket takes them: a batch of lines per write, the next batch as soon as the last one has gone to the
	 * socket, never more queued in the generator. The server paces the senders through TCP alone. The latency
	 * is one way, from the sender's write to the receiver (both in this process).
	 */
	void flood(String rep) throws InterruptedException {
		Scenarios s = this.scenarios;
		s.settle();
		int pairs = s.scale().pairs();
		int perSender = s.scale().floodPerSender();
		LongAdder received = new LongAdder();
		AtomicLong lastDelivery = new AtomicLong();
		LongAdder dropped = new LongAdder();
		Map<Thread, Latencies> latencies = new ConcurrentHashMap<>();
		Client.Handler pair = new Client.Handler() {
			@Override
			public void line(Client c, String line) {
				int p = Dialect.payload(line);
				if (p < 0) {
					s.answeredOrRefused(c, line);
					return;
				}
				long now = System.nanoTime();
				int space = line.indexOf(' ', p);
				latencies.computeIfAbsent(Thread.currentThread(), t -> new Latencies())
					.add(now - Long.parseLong(line, space + 1, line.length(), 10));
				received.increment();
				lastDelivery.accumulateAndGet(now, Math::max);
			}

			@Override
			public void drained(Client c) {
				if (c.index % 2 == 0) {
					pump(c, perSender);
				}
			}

			@Override
			public void closed(Client c) {
				dropped.increment();
			}
		};
		Scenarios.Registered r = s.register(2 * pairs, s.setupInFlight(),
				i -> "x" + rep + (i % 2 == 0 ? "a" : "b") + i / 2, c -> pair);
		Client[] byIndex = Scenarios.index(r, 2 * pairs);
		int complete = 0;
		for (int i = 0; i < pairs; i++) {
			if (byIndex[2 * i] == null || byIndex[2 * i + 1] == null) {
				byIndex[2 * i] = null;
			}
			else {
				complete++;
			}
		}
		long expected = (long) complete * perSender;
		Scenarios.Timing timing = s.new Timing();
		for (int i = 0; i < pairs; i++) {
			if (byIndex[2 * i] != null) {
				pump(byIndex[2 * i], perSender);
			}
		}
		Scenarios.awaitCount(received, expected, 180);
		long got = received.sum();
		s.recordTimed(rep, "flood", timing, Math.max(lastDelivery.get(), timing.t0 + 1), got,
				new String[] { "messages", "message", "" }, latencies);
		record(rep, "flood", "lost", expected - got);
		record(rep, "flood", "dropped", dropped.sum());
		r.closeAll();
	}

	/**
	 * Writes batches of a sender's messages while its socket takes them whole; called again by the loop when
	 * what was left over has gone out. {@code counter} holds how many were sent.
	 */
	private void pump(Client c, int perSender) {
		Dialect dialect = this.scenarios.dialect();
		String to = Scenarios.partnerName(c);
		synchronized (c) {
			while (c.counter < perSender && c.isDrained() && !c.isClosed()) {
				StringBuilder batch = new StringBuilder(FLOOD_BATCH * 64);
				long now = System.nanoTime();
				for (int k = 0; k < FLOOD_BATCH && c.counter < perSender; k++, c.counter++) {
					if (k > 0) {
						batch.append(dialect.lineEnd());
					}
					batch.append(dialect.msgLine(to, Dialect.MARK + c.counter + " " + now));
				}
				c.send(batch.toString());
			}
		}
	}

	private void record(String rep, String scenario, String metric, double value) {
		this.scenarios.record(rep, scenario, metric, value);
	}

}
