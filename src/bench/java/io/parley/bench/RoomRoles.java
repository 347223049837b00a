package io.parley.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Issue 16's room of thousands with an operator: the room grows in stages (1,000, 2,500, 5,000 members: each stage a
 * join storm of the members it adds), and at each size an operator's NAMES and a prober's joins and leaves are
 * timed one at a time; at the full size the operator sets the topic and kicks members, each seen by every member
 * before the next. It uses {@link BigRoom}'s counting of what the members hear.
 * <p>
 * A join costs a line to every member (its announcement) and, on IRC, the member list to the one who joins; the
 * figure the issue bounds is what a join costs beyond that list, per member of the room
 * ({@code beyond_names_cpu_per_member_us_n<size>}): the prober's server CPU per join (a join and a leave, halved),
 * less a NAMES reply's at that size on IRC, over the members in the room. Work that grows faster than the
 * announcements (a role looked up by scanning the room, a write per member) makes it grow with the size.
 * <p>
 * On Parley the operator is the admin account (the owner of every room); on the peers, the first in the room.
 */
final class RoomRoles {

	private static final long SECOND = 1_000_000_000L;

	/** How long one probe, NAMES, topic or kick may take to be seen before it counts as lost. */
	private static final long EVENT_LIMIT = 10 * SECOND;

	/**
	 * Unmeasured NAMES, probes, topics and kicks before the measured ones at each size: the first of each meets
	 * code the JIT has not compiled yet, and a handful of those would outweigh the rest.
	 */
	private static final int WARM_UP = 3;

	/** NAMES asked per probe: a reply costs a few hundred microseconds, and CPU is read in 10 ms ticks. */
	private static final int NAMES_PER_PROBE = 3;

	/** How long a stage's join storm may take. */
	private static final long STORM_LIMIT = 120 * SECOND;

	/** The operator and the prober: when their own join, leave and end of names last came. */
	static final class Watcher implements Client.Handler {

		private final Dialect dialect;

		volatile long joinedAt;

		volatile long leftAt;

		volatile long namesEndAt;

		Watcher(Dialect dialect) {
			this.dialect = dialect;
		}

		@Override
		public void line(Client c, String line) {
			long now = System.nanoTime();
			String answer = this.dialect.answerToPing(line);
			if (answer != null) {
				c.send(answer);
				return;
			}
			if (this.dialect.isJoined(line)) {
				this.joinedAt = now;
			}
			if (this.dialect.isNamesEnd(line)) {
				this.namesEndAt = now;
			}
			if (this.dialect.isLeft(line)) {
				this.leftAt = now;
			}
		}

		void reset() {
			this.joinedAt = 0;
			this.leftAt = 0;
			this.namesEndAt = 0;
		}

	}

	private final Scenarios scenarios;

	/** The password of Parley's admin account, or null on the peers (their first member is the operator). */
	private final String operatorPassword;

	RoomRoles(Scenarios scenarios, String operatorPassword) {
		this.scenarios = scenarios;
		this.operatorPassword = operatorPassword;
	}

	void roles(String rep) throws InterruptedException {
		Scenarios s = this.scenarios;
		Dialect dialect = s.dialect();
		s.settle();
		List<Integer> sizes = s.scale().roleSizes();
		int n = sizes.get(sizes.size() - 1);
		int probes = s.scale().roleProbes();
		String room = "roles" + rep;
		BigRoom.Members members = new BigRoom.Members(dialect, n, 2 * (probes + WARM_UP));
		Watcher op = new Watcher(dialect);
		Watcher prober = new Watcher(dialect);
		Scenarios.Registered operators = null;
		Scenarios.Registered probers = null;
		// a few tries each: one registration the server leaves unanswered would otherwise skip the scenario
		for (int attempt = 0; attempt < 3 && (operators == null || operators.clients().isEmpty()); attempt++) {
			operators = (this.operatorPassword == null) ? s.register(1, 1, i -> "op" + rep, c -> op)
					: s.register(1, 1, i -> "admin", c -> dialect.logIn(c, this.operatorPassword), c -> op);
		}
		for (int attempt = 0; attempt < 3 && (probers == null || probers.clients().isEmpty()); attempt++) {
			probers = s.register(1, 1, i -> "z" + rep + "probe", c -> prober);
		}
		if (operators.clients().isEmpty() || probers.clients().isEmpty()) {
			System.err.printf("bench: %s roles: no operator or prober; skipped%n", s.server());
			operators.closeAll();
			probers.closeAll();
			return;
		}
		Client operator = operators.clients().get(0);
		Client probe = probers.clients().get(0);
		members.firstJoined.set(operator); // every member's lines count; the operator has a handler of its own
		dialect.join(operator, room);
		await(() -> op.joinedAt != 0, 30 * SECOND);
		Scenarios.Registered r = s.register(n, s.setupInFlight(), i -> "g" + rep + "_" + i, c -> members);
		List<Client> list = new ArrayList<>(r.clients());
		list.sort(Comparator.comparingInt(c -> c.index));
		System.out.printf("  %s roles: %d members registered in %.1f s%n", s.server(), list.size(), r.seconds());

		int from = 0;
		for (int size : sizes) {
			int to = Math.min(size, list.size());
			String at = "_n" + size;
			// the join storm of the members this stage adds
			s.settle();
			long lines0 = members.lines.sum();
			Scenarios.Timing storm = s.new Timing();
			for (int i = from; i < to; i++) {
				dialect.join(list.get(i), room);
			}
			int want = to;
			await(() -> members.joinedCount.get() >= want, STORM_LIMIT);
			BigRoom.awaitQuiet(members.lines);
			long stormCpu = Proc.cpuNanos(s.pid()) - storm.serverCpu0;
			long stormLines = members.lines.sum() - lines0;
			record(rep, "storm_s" + at, Math.max(members.lastLine.get() - storm.t0, 0) / 1e9);
			record(rep, "storm_lines" + at, stormLines);
			record(rep, "storm_server_cpu_per_join_us" + at, stormCpu / 1e3 / Math.max(to - from, 1));
			record(rep, "storm_server_cpu_per_line_us" + at, stormCpu / 1e3 / Math.max(stormLines, 1));
			long inRoom = members.joinedCount.get();
			record(rep, "members" + at, inRoom);

			// the operator's NAMES, one at a time
			s.settle();
			int namesAsked = NAMES_PER_PROBE * probes;
			long[] names = new long[namesAsked];
			Scenarios.Timing namesTiming = null;
			for (int k = -WARM_UP; k < namesAsked; k++) {
				if (k == 0) {
					namesTiming = s.new Timing();
				}
				op.reset();
				long t0 = System.nanoTime();
				dialect.names(operator, room);
				await(() -> op.namesEndAt != 0, EVENT_LIMIT);
				if (k >= 0) {
					names[k] = (op.namesEndAt == 0 ? System.nanoTime() : op.namesEndAt) - t0;
				}
			}
			double namesCpu = (Proc.cpuNanos(s.pid()) - namesTiming.serverCpu0) / 1e3 / namesAsked;
			record(rep, "names_ms" + at, median(names) / 1e6);
			record(rep, "names_server_cpu_us" + at, namesCpu);

			// a prober joins and leaves, one at a time, each seen by every member before the next
			s.settle();
			members.watched = probe.name;
			long[] joins = new long[probes];
			long[] announced = new long[probes];
			long unseen = 0;
			Scenarios.Timing probeTiming = null;
			for (int k = -WARM_UP; k < probes; k++) {
				if (k == 0) {
					unseen = 0;
					probeTiming = s.new Timing();
				}
				members.watchedLines.reset();
				prober.reset();
				long t0 = System.nanoTime();
				dialect.join(probe, room);
				await(() -> prober.joinedAt != 0 && members.watchedLines.sum() >= inRoom, EVENT_LIMIT);
				if (k >= 0) {
					joins[k] = (prober.joinedAt == 0 ? System.nanoTime() : prober.joinedAt) - t0;
					announced[k] = members.lastWatchedLine.get() - t0;
				}
				unseen += Math.max(inRoom - members.watchedLines.sum(), 0);
				dialect.leave(probe, room);
				await(() -> prober.leftAt != 0 && members.watchedLines.sum() >= 2 * inRoom, EVENT_LIMIT);
				unseen += Math.max(2 * inRoom - members.watchedLines.sum(), 0);
			}
			double joinCpu = (Proc.cpuNanos(s.pid()) - probeTiming.serverCpu0) / 1e3 / probes / 2;
			members.watched = null;
			record(rep, "probe_join_ms" + at, median(joins) / 1e6);
			record(rep, "probe_join_max_ms" + at, Arrays.stream(joins).max().orElse(0) / 1e6);
			record(rep, "probe_announced_ms" + at, median(announced) / 1e6);
			record(rep, "probe_server_cpu_per_join_us" + at, joinCpu);
			double beyond = joinCpu - (dialect.joinListsNames() ? namesCpu : 0);
			record(rep, "beyond_names_cpu_per_member_us" + at, beyond / Math.max(inRoom, 1));
			record(rep, "probe_unseen" + at, unseen);
			from = to;
		}

		// at the full size: topics, then kicks of the last members in
		long inRoom = members.joinedCount.get();
		s.settle();
		topicsAndKicks(rep, room, members, operator, list, probes, inRoom);
		synchronized (members.quitting) {
			members.quitting[0] = true;
		}
		record(rep, "dropped_members", members.dropped.sum() + (n - list.size()));
		r.closeAll();
		operators.closeAll();
		probers.closeAll();
	}

	private void topicsAndKicks(String rep, String room, BigRoom.Members members, Client operator, List<Client> list,
			int probes, long inRoom) throws InterruptedException {
		Scenarios s = this.scenarios;
		Dialect dialect = s.dialect();
		for (String action : List.of("topic", "kick")) {
			long[] last = new long[probes];
			long delivered = 0;
			long expected = 0;
			long present = inRoom;
			Scenarios.Timing timing = null;
			for (int k = -WARM_UP; k < probes; k++) {
				if (k == 0) {
					delivered = 0;
					expected = 0;
					timing = s.new Timing();
				}
				int event = (action.equals("topic") ? 0 : probes + WARM_UP) + WARM_UP + k;
				long want = present;
				expected += want;
				long t0 = System.nanoTime();
				if (action.equals("topic")) {
					dialect.topic(operator, room, Dialect.MARK + event + " topic " + k);
				}
				else {
					Client victim = list.get(list.size() - 1 - WARM_UP - k);
					dialect.kick(operator, room, victim.name, Dialect.MARK + event + " bench");
					present--; // the one kicked hears it, and is gone after
				}
				await(() -> members.deliveries.get(event) >= want, EVENT_LIMIT);
				if (k >= 0) {
					last[k] = Math.max(members.lastDelivery.get(event) - t0, 0);
				}
				delivered += members.deliveries.get(event);
			}
			long cpu = Proc.cpuNanos(s.pid()) - timing.serverCpu0;
			record(rep, action + "_last_delivery_ms", median(last) / 1e6);
			record(rep, action + "_server_cpu_us", cpu / 1e3 / probes);
			record(rep, action + "_server_cpu_per_member_us", cpu / 1e3 / Math.max(delivered, 1));
			record(rep, action + "_lost", expected - delivered);
			s.settle();
		}
	}

	private static long median(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
	}

	/** Waits until {@code done} holds or {@code limit} passed, checking every millisecond; whether it held. */
	static boolean await(BooleanSupplier done, long limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit;
		while (!done.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(1);
		}
		return true;
	}

	private void record(String rep, String metric, double value) {
		this.scenarios.record(rep, "roles", metric, value);
	}

}
