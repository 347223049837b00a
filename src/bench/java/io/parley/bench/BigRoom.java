package io.parley.bench;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
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
	 * transport on JDK 17 spends about 24 us per JOIN line, minutes for 5,000 members; the 12.5 million JOIN
	 * lines of 5,000 at the peers' 0.5-1 us each are seconds).
	 */
	private static final long STORM_LIMIT_S = 120;

	/** How long one room message may take to reach every member before the rounds stop. */
	private static final long ROUND_LIMIT = 5 * SECOND;

	private final Scenarios scenarios;

	BigRoom(Scenarios scenarios) {
		this.scenarios = scenarios;
	}

	/**
	 * What the members of a big room hear, counted: every line and the time of the last, own joins confirmed, and
	 * the lines that carry a payload (a message, a topic, a kick reason: {@code %%<event> ...}) by event, with the
	 * time each event last reached someone. The room storms and issue 16's rules share it.
	 */
	static final class Members implements Client.Handler {

		final CountDownLatch joined;

		final CountDownLatch gone;

		final AtomicLong joinedCount = new AtomicLong();

		final LongAdder lines = new LongAdder();

		final AtomicLong lastLine = new AtomicLong();

		final AtomicLongArray deliveries;

		final AtomicLongArray lastDelivery;

		final LongAdder dropped = new LongAdder();

		final boolean[] quitting = { false };

		final AtomicReference<Client> firstJoined = new AtomicReference<>();

		/** A name whose lines are counted apart (issue 16's prober joining and leaving), or null. */
		volatile String watched;

		final LongAdder watchedLines = new LongAdder();

		final AtomicLong lastWatchedLine = new AtomicLong();

		private final Dialect dialect;

		Members(Dialect dialect, int n, int events) {
			this.dialect = dialect;
			this.joined = new CountDownLatch(n);
			this.gone = new CountDownLatch(n);
			this.deliveries = new AtomicLongArray(Math.max(events, 1));
			this.lastDelivery = new AtomicLongArray(Math.max(events, 1));
		}

		@Override
		public void line(Client c, String line) {
			long now = System.nanoTime();
			this.lines.increment();
			this.lastLine.accumulateAndGet(now, Math::max);
			String w = this.watched;
			if (w != null && line.indexOf(w) >= 0) {
				this.watchedLines.increment();
				this.lastWatchedLine.accumulateAndGet(now, Math::max);
				return;
			}
			int p = Dialect.payload(line);
			if (p >= 0) {
				if (c != this.firstJoined.get()) {
					int space = line.indexOf(' ', p);
					int event = Integer.parseInt(line, p, (space < 0) ? line.length() : space, 10);
					this.deliveries.incrementAndGet(event);
					this.lastDelivery.accumulateAndGet(event, now, Math::max);
				}
				return;
			}
			String answer = this.dialect.answerToPing(line);
			if (answer != null) {
				c.send(answer);
			}
			else if (c.counter == 0 && this.dialect.isJoined(line)) {
				c.counter = 1;
				this.firstJoined.compareAndSet(null, c);
				this.joinedCount.incrementAndGet();
				this.joined.countDown();
			}
		}

		@Override
		public void closed(Client c) {
			this.lastLine.accumulateAndGet(System.nanoTime(), Math::max);
			synchronized (this.quitting) {
				if (!this.quitting[0]) {
					this.dropped.increment();
				}
			}
			this.gone.countDown();
		}

	}

	void room(String rep) throws InterruptedException {
		Scenarios s = this.scenarios;
		Dialect dialect = s.dialect();
		s.settle();
		int n = s.scale().roomMembers();
		int rounds = s.scale().roomMessages();
		String room = "big" + rep + "-" + Scenarios.RUN;
		Members member = new Members(dialect, n, rounds);
		CountDownLatch joined = member.joined;
		CountDownLatch gone = member.gone;
		LongAdder lines = member.lines;
		AtomicLong lastLine = member.lastLine;
		AtomicLongArray deliveries = member.deliveries;
		AtomicLongArray lastDelivery = member.lastDelivery;
		LongAdder dropped = member.dropped;
		boolean[] quitting = member.quitting;
		AtomicReference<Client> firstJoined = member.firstJoined;
		Scenarios.Registered r = s.register(n, s.setupInFlight(), i -> "r" + rep + "_" + i, c -> member);
		int members = r.clients().size();
		for (int i = members; i < n; i++) {
			joined.countDown();
			gone.countDown();
		}
		System.out.printf("  %s room: %d members registered in %.1f s%n", s.server(), members, r.seconds());

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
		record(rep, "members_wanted", n);
		record(rep, "joined", members - joined.getCount()); // the latch counted the refused down at the start

		// one message, a few times in turn, from the first member that joined to the others that did
		long inRoom = members - joined.getCount();
		Client sender = firstJoined.get();
		s.settle();
		double[] lastMs = new double[rounds];
		int done = 0;
		long expected = 0;
		Scenarios.Timing say = s.new Timing();
		for (int round = 0; round < rounds && sender != null; round++, done++) {
			long want = inRoom - 1 - dropped.sum();
			expected += want;
			long sent = System.nanoTime();
			dialect.say(sender, room, Dialect.MARK + round + " " + sent);
			while (deliveries.get(round) < want && System.nanoTime() - sent < ROUND_LIMIT) {
				Thread.sleep(1);
			}
			lastMs[round] = (lastDelivery.get(round) - sent) / 1e6;
			if (deliveries.get(round) < want) {
				System.err.printf("bench: %s room: message %d reached %d of %d members in %d s; no more rounds%n",
						s.server(), round, deliveries.get(round), want, ROUND_LIMIT / SECOND);
				done++;
				break;
			}
		}
		long serverCpu = Proc.cpuNanos(s.pid()) - say.serverCpu0;
		long delivered = 0;
		for (int round = 0; round < done; round++) {
			delivered += deliveries.get(round);
		}
		if (done > 0) {
			double[] measured = Arrays.copyOf(lastMs, done);
			Arrays.sort(measured);
			record(rep, "message_last_delivery_ms", measured[done / 2]);
			record(rep, "message_server_cpu_per_member_us", serverCpu / 1e3 / Math.max(delivered, 1));
		}
		record(rep, "message_lost", expected - delivered);

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
	void storm(String rep, String name, Scenarios.Timing timing, long end, long lines, int members) {
		long serverCpu = Proc.cpuNanos(this.scenarios.pid()) - timing.serverCpu0;
		record(rep, name + "_s", Math.max(end - timing.t0, 0) / 1e9);
		record(rep, name + "_lines", lines);
		record(rep, name + "_server_cpu_per_member_us", serverCpu / 1e3 / Math.max(members, 1));
		record(rep, name + "_server_cpu_per_line_us", serverCpu / 1e3 / Math.max(lines, 1));
	}

	/** Waits until no line has come for {@link #QUIET} (at most {@link #STORM_LIMIT_S}). */
	static void awaitQuiet(LongAdder lines) throws InterruptedException {
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
