package io.parley.bench;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A room of thousands (issue 15): every member joins at once (the join storm), one member says a line a few
 * times in turn (each delivered to all before the next), then every member quits at once (the quit storm).
 * A join or a quit is announced to every member still there, so each storm makes about n²/2 lines; the
 * figures are the server's CPU per member and per line the members received, so work beyond those
 * replies shows as a cost per line that grows with the room.
 */
final class BigRoom {

	private static final long SECOND = 1_000_000_000L;

	/** How long the lines must stop coming before a storm counts as over. */
	private static final long QUIET = SECOND;

	/**
	 * How long a storm may take, joining (or closing) and then its lines: a server that needs longer is far
	 * off the mark, and the rest of the run should not wait on it (the last round's thread-per-connection
	 * transport on JDK 17 spends about 24 us per JOIN line, minutes for 5,000 members).
	 */
	private static final long STORM_LIMIT_S = 120;

	private final Scenarios scenarios;

	BigRoom(Scenarios scenarios) {
		this.scenarios = scenarios;
	}

	void room(String rep) throws InterruptedException {
		Scenarios s = this.scenarios;
		Dialect dialect = s.dialect();
		s.settle();
		int n = s.scale().roomMembers();
		int rounds = s.scale().roomMessages();
		String room = "big" + rep;
		CountDownLatch joined = new CountDownLatch(n);
		CountDownLatch gone = new CountDownLatch(n);
		LongAdder lines = new LongAdder();
		AtomicLong lastLine = new AtomicLong();
		AtomicLongArray deliveries = new AtomicLongArray(rounds);
		AtomicLongArray lastDelivery = new AtomicLongArray(rounds);
		LongAdder dropped = new LongAdder();
		boolean[] quitting = { false };
		Client.Handler member = new Client.Handler() {
			@Override
			public void line(Client c, String line) {
				long now = System.nanoTime();
				lines.increment();
				lastLine.accumulateAndGet(now, Math::max);
				int p = Dialect.payload(line);
				if (p >= 0) {
					if (c.index != 0) {
						int round = Integer.parseInt(line, p, line.indexOf(' ', p), 10);
						deliveries.incrementAndGet(round);
						lastDelivery.accumulateAndGet(round, now, Math::max);
					}
					return;
				}
				String answer = dialect.answerToPing(line);
				if (answer != null) {
					c.send(answer);
				}
				else if (c.counter == 0 && dialect.isJoined(line)) {
					c.counter = 1;
					joined.countDown();
				}
			}

			@Override
			public void closed(Client c) {
				lastLine.accumulateAndGet(System.nanoTime(), Math::max);
				synchronized (quitting) {
					if (!quitting[0]) {
						dropped.increment();
					}
				}
				gone.countDown();
			}
		};
		Scenarios.Registered r = s.register(n, s.setupInFlight(), i -> "r" + rep + "_" + i, c -> member);
		int members = r.clients().size();
		for (int i = members; i < n; i++) {
			joined.countDown();
			gone.countDown();
		}
		System.out.printf("  %s room: %d members registered in %.1f s%n", s.server(), members, r.seconds());
		Client first = Scenarios.index(r, n)[0];

		// the join storm
		s.settle();
		long lines0 = lines.sum();
		Scenarios.Timing join = s.new Timing();
		r.clients().forEach(c -> dialect.join(c, room));
		if (!joined.await(STORM_LIMIT_S, TimeUnit.SECONDS)) {
			System.err.printf("bench: %s room: %d members never joined%n", s.server(), joined.getCount());
		}
		awaitQuiet(lines);
		storm(rep, "join", join, lastLine.get(), lines.sum() - lines0, members);
		record(rep, "joined", n - joined.getCount());

		// one message, a few times in turn
		s.settle();
		long[] lastMs = new long[rounds];
		Scenarios.Timing say = s.new Timing();
		for (int round = 0; round < rounds && first != null; round++) {
			long sent = System.nanoTime();
			s.dialect().say(first, room, Dialect.MARK + round + " " + sent);
			long deadline = sent + 30 * SECOND;
			while (deliveries.get(round) < members - 1 - dropped.sum() && System.nanoTime() < deadline) {
				Thread.sleep(1);
			}
			lastMs[round] = (lastDelivery.get(round) - sent) / 1_000_000;
		}
		long serverCpu = Proc.cpuNanos(s.pid()) - say.serverCpu0;
		long delivered = 0;
		for (int round = 0; round < rounds; round++) {
			delivered += deliveries.get(round);
		}
		Arrays.sort(lastMs);
		record(rep, "message_last_delivery_ms", lastMs[rounds / 2]);
		record(rep, "message_server_cpu_per_member_us", serverCpu / 1e3 / Math.max(delivered, 1));
		record(rep, "message_lost", (long) rounds * (members - 1) - delivered);

		// the quit storm
		s.settle();
		synchronized (quitting) {
			quitting[0] = true;
		}
		long lines1 = lines.sum();
		Scenarios.Timing quit = s.new Timing();
		r.clients().forEach(dialect::quit);
		if (!gone.await(STORM_LIMIT_S, TimeUnit.SECONDS)) {
			System.err.printf("bench: %s room: %d members never closed after quitting%n", s.server(),
					gone.getCount());
		}
		awaitQuiet(lines);
		storm(rep, "quit", quit, lastLine.get(), lines.sum() - lines1, members);
		record(rep, "dropped_members", dropped.sum() + (n - members));
		r.closeAll();
	}

	/** The time a storm took, and the server's CPU per member and per line the members received. */
	private void storm(String rep, String name, Scenarios.Timing timing, long end, long lines, int members) {
		long serverCpu = Proc.cpuNanos(this.scenarios.pid()) - timing.serverCpu0;
		record(rep, name + "_s", Math.max(end - timing.t0, 0) / 1e9);
		record(rep, name + "_lines", lines);
		record(rep, name + "_server_cpu_per_member_us", serverCpu / 1e3 / Math.max(members, 1));
		record(rep, name + "_server_cpu_per_line_us", serverCpu / 1e3 / Math.max(lines, 1));
	}

	/** Waits until no line has come for {@link #QUIET} (at most {@link #STORM_LIMIT_S}). */
	private static void awaitQuiet(LongAdder lines) throws InterruptedException {
		long deadline = System.nanoTime() + STORM_LIMIT_S * SECOND;
		long last = lines.sum();
		long since = System.nanoTime();
		while (System.nanoTime() < deadline && System.nanoTime() - since < QUIET) {
			Thread.sleep(20);
			long now = lines.sum();
			if (now != last) {
				last = now;
				since = System.nanoTime();
			}
		}
	}

	private void record(String rep, String metric, double value) {
		this.scenarios.record(rep, "room", metric, value);
	}

}
