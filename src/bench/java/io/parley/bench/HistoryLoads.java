package io.parley.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 17's figures. Two Parley processes of the same jar, one keeping history (the default) and one with
 * {@code parley.history.enabled=false}: fan-out and the ping-pong direct run on each in turn (the order swapped
 * every round, {@link #ROUNDS_PER_REP} rounds per rep, after forced commits, {@link #commitMany}, and unrecorded
 * rounds until both JITs are quiet, {@link #warmUp}), as {@code history-on-*} and {@code history-off-*}.
 * Then a room of the history process gets its {@code historySeed} messages (a million) through the line protocol,
 * and pages of 50 are read from it with {@code /history}, one at a time, timed from the command to the block's end.
 * <p>
 * The seed goes in chunks of 5,000 {@code /say} lines in one write, each chunk followed by a {@code /history ...
 * latest 1}, which waits until the writer has stored every message said before it: the chunk never overflows the
 * writer's queue (20,000 by default), so nothing is dropped for the seed's sake, and the seed's rate is what the
 * server and its database take (the metrics' {@code parley.history.dropped} is read after to show it).
 * The pages start before a random point of the seed's time (a UUIDv7 of that millisecond), so they come from
 * anywhere in the million, not only its end; the latest page is timed apart.
 */
final class HistoryLoads {

	private static final int CHUNK = 5_000;

	private static final int PAGE = 50;

	/** The most time the random pages may take in all: a slow page must not hold the run for long minutes. */
	private static final long READ_LIMIT = 90_000_000_000L;

	private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([-0-9.Ee+]+)");

	private final Scenarios on;

	private final Scenarios off;

	private final int reps;

	/** The history process's HTTP port and its admin password, to read its metrics. */
	private final int httpPort;

	private final String adminPassword;

	HistoryLoads(Scenarios on, Scenarios off, int reps, int httpPort, String adminPassword) {
		this.on = on;
		this.off = off;
		this.reps = reps;
		this.httpPort = httpPort;
		this.adminPassword = adminPassword;
	}

	void history(String rep) throws InterruptedException {
		commitMany(this.on, rep);
		commitMany(this.off, rep);
		warmUp();
		for (int round = 1; round <= this.reps * ROUNDS_PER_REP; round++) {
			round("h" + round, round % 2 == 1, RECORDED_LENGTH);
		}
		seedAndRead(rep);
	}

	/**
	 * Recorded rounds per {@code --reps} (fifteen for the usual three): one round of either load differs from the
	 * next by up to a third on two shared cores. With nine rounds of the usual length, the per-round ratios of 16
	 * runs on 2026-12-06 had a standard deviation of 0.10-0.25 (of their logarithm), so a run's median moved by
	 * some 8 % either way, nearly the whole of the 10 % being measured, and A/A controls read 0.98x-1.07x.
	 */
	private static final int ROUNDS_PER_REP = 5;

	/**
	 * How much longer a recorded round is than the other scenarios' (twice their messages: 200,000 direct messages
	 * and 20,000 room lines, some 3 and 2 s on these two cores): a pause of the collector or a slow moment of the machine weighs half
	 * as much in a round. The warm-up rounds keep the usual length.
	 */
	private static final int RECORDED_LENGTH = 2;

	/**
	 * Commits the warm-up forces on each process ({@link #commitMany}): what a server committing ten times a second
	 * does in some 40 minutes.
	 */
	private static final int FORCED_COMMITS = 25_000;

	/** Commands of {@link #commitMany} sent in one write before their answers are awaited. */
	private static final int FORCED_PIPELINE = 50;

	/**
	 * The writer's code that runs once a commit (H2's statements, its pages, the transaction), compiled as a server
	 * up for a while has it: the writer commits ten times a second under load, so the loads' warm-up rounds alone
	 * left that code still being compiled during the recorded rounds (the history process's C2 at about 6 % of its
	 * CPU there, the other's at 1.5 %; per-thread CPU from /proc, 2026-12-06). Each {@code /history} waits until
	 * what was said before it is committed, so each turn of a room line, a private message and a {@code /history}
	 * makes one commit. The process without history gets the same lines (its {@code /history} is refused at once),
	 * so both have run the same commands. The file is left larger than a server's (each commit writes a new chunk:
	 * docs/deploy.md, "H2's file"); the pages are read from it too.
	 */
	private void commitMany(Scenarios s, String rep) throws InterruptedException {
		if (s.dialect() != Dialect.LINE) {
			return;
		}
		String[] names = { "hwa" + rep + Scenarios.RUN, "hwb" + rep + Scenarios.RUN };
		String room = "hwarm" + rep + Scenarios.RUN;
		// the one answer each /history gets: its block's end, or (history off) its refusal; any other ERR is a
		// line the server refused, printed, and not counted as an answer. The process without history may keep it
		// too, in the A/A control (run.sh, HISTORY_OFF_OPTIONS)
		Predicate<String> kept = line -> line.startsWith("HISTORY-END ");
		Predicate<String> answer = (s == this.on) ? kept
				: kept.or(line -> line.startsWith("ERR forbidden ") && line.contains("history is off"));
		LongAdder answers = new LongAdder();
		AtomicLong joined = new AtomicLong();
		Scenarios.Registered r = s.register(2, 2, i -> names[i], c -> (client, line) -> {
			if (answer.test(line)) {
				answers.increment();
			}
			else if (line.startsWith("ERR ")) {
				System.err.println("bench: history: forcing commits: " + line);
			}
			else if (line.startsWith("OK join")) {
				joined.incrementAndGet();
			}
		});
		if (r.clients().size() < 2) {
			System.err.println("bench: history: the clients forcing commits did not register");
			r.closeAll();
			return;
		}
		Client speaker = r.clients().get(0).name.equals(names[0]) ? r.clients().get(0) : r.clients().get(1);
		speaker.send("/join " + room);
		if (!RoomRoles.await(() -> joined.get() > 0, 30_000_000_000L)) {
			System.err.println("bench: history: the client forcing commits could not join " + room);
			r.closeAll();
			return;
		}
		long t0 = System.nanoTime();
		String lineEnd = s.dialect().lineEnd();
		int done = 0;
		for (; done < FORCED_COMMITS; done += FORCED_PIPELINE) {
			StringBuilder lines = new StringBuilder();
			for (int k = 0; k < FORCED_PIPELINE; k++) {
				lines.append("/say ").append(room).append(" a line the warm-up makes the writer commit").append(lineEnd)
					.append("/msg ").append(names[1]).append(" and a private one").append(lineEnd)
					.append("/history ").append(room).append(" latest 1").append(lineEnd);
			}
			long before = answers.sum();
			speaker.send(lines.substring(0, lines.length() - lineEnd.length()));
			if (!RoomRoles.await(() -> answers.sum() >= before + FORCED_PIPELINE, 60_000_000_000L)) {
				System.err.printf("bench: history: forced commits stalled at %d on %s%n", done, s.server());
				break;
			}
		}
		System.out.printf("history: %d turns of commits forced (history %s) in %.1f s%n", done,
				(s == this.on) ? "on" : "off", (System.nanoTime() - t0) / 1e9);
		r.closeAll();
	}

	/** Both loads on both processes, the order swapped every round; {@code length} times the usual messages. */
	private void round(String label, boolean onFirst, int length) throws InterruptedException {
		for (String load : new String[] { "fanout", "direct" }) {
			run(onFirst ? this.on : this.off, load, label, length);
			run(onFirst ? this.off : this.on, load, label, length);
		}
	}

	/**
	 * Unrecorded rounds at most; each takes some 10 s. The process keeping history needs more than the other (its
	 * writer's and H2's code, much of it run once a commit, so it reaches the last tier late): six left its JIT at
	 * 8-12 % of its CPU, and twelve still at 9-20 % in each of five runs on 2026-12-06; one run let through 30 was
	 * quiet (1 % and 4 %) after 22.
	 */
	private static final int MAX_WARM_UP_ROUNDS = 30;

	/** A warm-up round that leaves either process's JIT working on more than this share of its CPU is not the last. */
	private static final double MAX_JIT_SHARE = 0.05;

	/**
	 * Unrecorded rounds ({@code "w"}) until neither process's JIT compilers took more than {@link #MAX_JIT_SHARE} of
	 * its CPU in the last, as {@code Bench.warmUp} does for the other loads: with one warm-up round, the process
	 * keeping history still compiled its writer's and H2's code during the recorded rounds, and its figures counted
	 * that compiling against the history, which a server running for days does not pay.
	 */
	private void warmUp() throws InterruptedException {
		double onShare;
		double offShare;
		int rounds = 0;
		do {
			long[] compiler0 = { Proc.compilerCpuNanos(this.on.pid()), Proc.compilerCpuNanos(this.off.pid()) };
			long[] all0 = { Proc.cpuNanos(this.on.pid()), Proc.cpuNanos(this.off.pid()) };
			round("w" + rounds, rounds % 2 == 1, 1);
			rounds++;
			onShare = jitShare(this.on.pid(), compiler0[0], all0[0]);
			offShare = jitShare(this.off.pid(), compiler0[1], all0[1]);
			System.out.printf("history: warm-up round %d, the JIT at %.0f %% (history on) and %.0f %% (off)%n", rounds,
					onShare * 100, offShare * 100);
		}
		while (Math.max(onShare, offShare) > MAX_JIT_SHARE && rounds < MAX_WARM_UP_ROUNDS);
	}

	private static double jitShare(long pid, long compiler0, long all0) {
		long all = Proc.cpuNanos(pid) - all0;
		return (all <= 0) ? 0 : (Proc.compilerCpuNanos(pid) - compiler0) / (double) all;
	}

	private void run(Scenarios s, String load, String rep, int length) throws InterruptedException {
		String scenario = "history-" + ((s == this.on) ? "on" : "off") + "-" + load;
		if (load.equals("fanout")) {
			s.fanout(rep, length * s.scale().messagesPerSender(), scenario);
		}
		else {
			s.direct(rep, scenario, length * s.scale().messagesPerPair());
		}
	}

	/** What the seeding (and reading) client hears: ends of history blocks and the stored lines in them. */
	private static final class Reader implements Client.Handler {

		final LongAdder ends = new LongAdder();

		final LongAdder stored = new LongAdder();

		final AtomicLong lastEnd = new AtomicLong();

		volatile boolean joined;

		@Override
		public void line(Client c, String line) {
			if (line.startsWith("HIST ")) {
				this.stored.increment();
			}
			else if (line.startsWith("HISTORY-END ")) {
				this.lastEnd.set(System.nanoTime());
				this.ends.increment();
			}
			else if (line.startsWith("OK join")) {
				this.joined = true;
			}
			else if (line.startsWith("ERR ")) {
				System.err.println("bench: history: " + line);
			}
		}

	}

	private void seedAndRead(String rep) throws InterruptedException {
		Scenarios s = this.on;
		if (s.dialect() != Dialect.LINE) {
			return; // the seed and the pages go through the line protocol's /history
		}
		s.settle();
		String room = "hist" + rep;
		Reader reader = new Reader();
		Scenarios.Registered r = s.register(1, 1, i -> "hseed" + rep, c -> reader);
		if (r.clients().isEmpty()) {
			System.err.println("bench: history: the seeding client did not register");
			return;
		}
		Client c = r.clients().get(0);
		c.send("/join " + room);
		RoomRoles.await(() -> reader.joined, 30_000_000_000L);
		double dropped0 = metric("parley.history.dropped");
		double stored0 = metric("parley.history.stored");
		// a fresh process: what the history did with the messages of the fan-outs and direct loads before
		record(rep, "compare_stored", stored0);
		record(rep, "compare_dropped", dropped0);

		int seed = s.scale().historySeed();
		long seedStartMs = System.currentTimeMillis();
		Scenarios.Timing timing = s.new Timing();
		String lineEnd = s.dialect().lineEnd();
		for (int sent = 0; sent < seed;) {
			StringBuilder chunk = new StringBuilder(CHUNK * 72);
			for (int k = 0; k < CHUNK && sent < seed; k++, sent++) {
				chunk.append("/say ").append(room).append(' ').append(Dialect.MARK).append(sent)
					.append(" a line of the history seed, about as long as a chat line").append(lineEnd);
			}
			chunk.append("/history ").append(room).append(" latest 1");
			long ends = reader.ends.sum();
			c.send(chunk.toString());
			if (!RoomRoles.await(() -> reader.ends.sum() > ends, 120_000_000_000L)) {
				System.err.printf("bench: history: the seed stalled at %d of %d%n", sent, seed);
				break;
			}
			if ((sent / CHUNK) % 40 == 0) {
				System.out.printf("  %s history: %d of %d seeded%n", s.server(), sent, seed);
			}
		}
		long seedEnd = System.nanoTime();
		long seedEndMs = System.currentTimeMillis();
		long seedCpu = Proc.cpuNanos(s.pid()) - timing.serverCpu0;
		double wall = (seedEnd - timing.t0) / 1e9;
		record(rep, "seed_messages", seed);
		record(rep, "seed_s", wall);
		record(rep, "seed_messages_per_s", seed / wall);
		record(rep, "seed_server_cpu_per_message_us", seedCpu / 1e3 / seed);
		record(rep, "seed_stored", metric("parley.history.stored") - stored0);
		record(rep, "seed_dropped", metric("parley.history.dropped") - dropped0);

		// pages before a random point of the seed, then the latest page
		s.settle();
		long[] page = new long[s.scale().historyReads()];
		long shortPages = 0;
		Scenarios.Timing readTiming = s.new Timing();
		int reads = 0;
		for (int i = 0; i < page.length && System.nanoTime() - readTiming.t0 < READ_LIMIT; i++, reads++) {
			long ms = ThreadLocalRandom.current().nextLong(seedStartMs + (seedEndMs - seedStartMs) / 100, seedEndMs);
			String before = String.format("%08x-%04x-7000-8000-000000000000", ms >>> 16, ms & 0xffff);
			page[i] = read(reader, c, "/history " + room + " before " + before + " " + PAGE);
			shortPages += (page[i] < 0) ? 1 : 0;
			page[i] = Math.abs(page[i]);
		}
		long readCpu = Proc.cpuNanos(s.pid()) - readTiming.serverCpu0;
		page = Arrays.copyOf(page, Math.max(reads, 1));
		record(rep, "page_reads", reads);
		int latestReads = Math.max(reads / 5, 1);
		long[] latest = new long[latestReads];
		for (int i = 0; i < latestReads; i++) {
			latest[i] = Math.abs(read(reader, c, "/history " + room + " latest " + PAGE));
		}
		record(rep, "page_p50_ms", quantile(page, 0.50) / 1e6);
		record(rep, "page_p99_ms", quantile(page, 0.99) / 1e6);
		record(rep, "page_max_ms", quantile(page, 1.0) / 1e6);
		record(rep, "page_server_cpu_us", readCpu / 1e3 / reads);
		record(rep, "page_short", shortPages);
		record(rep, "latest_p50_ms", quantile(latest, 0.50) / 1e6);
		record(rep, "latest_p99_ms", quantile(latest, 0.99) / 1e6);
		r.closeAll();
	}

	/** One page read: the nanoseconds from the command to the block's end, negative when it held under 50 lines. */
	private static long read(Reader reader, Client c, String command) throws InterruptedException {
		long ends = reader.ends.sum();
		long lines = reader.stored.sum();
		long t0 = System.nanoTime();
		c.send(command);
		RoomRoles.await(() -> reader.ends.sum() > ends, 30_000_000_000L);
		long took = Math.max(reader.lastEnd.get() - t0, 0);
		return (reader.stored.sum() - lines < PAGE) ? -took : took;
	}

	private static long quantile(long[] values, double q) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[Math.max(Math.min((int) Math.ceil(q * sorted.length) - 1, sorted.length - 1), 0)];
	}

	/** A counter of the history process's metrics (0 when it was never counted, NaN when unreadable). */
	private double metric(String name) {
		try {
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/actuator/metrics/" + name))
				.header("Authorization", "Basic " + Base64.getEncoder()
					.encodeToString(("admin:" + this.adminPassword).getBytes(StandardCharsets.UTF_8)))
				.build();
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 404) {
				return 0;
			}
			Matcher m = VALUE.matcher(response.body());
			return (response.statusCode() == 200 && m.find()) ? Double.parseDouble(m.group(1)) : Double.NaN;
		}
		catch (IOException ex) {
			return Double.NaN;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Double.NaN;
		}
	}

	private void record(String rep, String metric, double value) {
		this.on.record(rep, "history", metric, value);
	}

}
