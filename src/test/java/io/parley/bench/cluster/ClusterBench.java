package io.parley.bench.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.parley.support.ClusterServers;
import io.parley.support.ParleyProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

/**
 * The cluster benchmark of issue 22 (bench/cluster.sh, docs/deploy.md "Cluster benchmark"): one room's fan-out
 * measured three ways in one run, on one PostgreSQL and one Redis started here: one node with cluster mode off (the
 * baseline), one node with cluster mode on (every line crosses Redis and comes back: the cost Redis adds per
 * message, alone), and two nodes with the members spread across them. Each round: {@code members} members in one
 * room, the first {@code senders} of them send {@code messages} lines each, at most {@code window} of each sender's
 * lines unseen by the last member at a time (a closed loop, so what is measured is what the servers sustain).
 *
 * <p>Figures: deliveries per second (lines read by members, all nodes), server CPU per delivery (the nodes' user and
 * system time, and Redis's and PostgreSQL's, from /proc), and the p50/p99 of the time from a line's sending to each
 * of its deliveries (one clock: the generator's). Its own blocking clients, one reader thread per member: the
 * figures compare the three rounds of one run with each other, not with bench/run.sh's tables.
 *
 * <pre>
 * ClusterBench [--members 200] [--senders 4] [--messages 2000] [--window 8] [--out FILE.tsv]
 * </pre>
 */
public final class ClusterBench {

	private static final String PASSWORD = "password1";

	private final int members;

	private final int senders;

	private final int messages;

	private final int window;

	private ClusterBench(int members, int senders, int messages, int window) {
		this.members = members;
		this.senders = senders;
		this.messages = messages;
		this.window = window;
	}

	public static void main(String[] args) throws Exception {
		int members = intArg(args, "--members", 200);
		int senders = intArg(args, "--senders", 4);
		int messages = intArg(args, "--messages", 2000);
		int window = intArg(args, "--window", 8);
		String out = stringArg(args, "--out", null);
		ClusterBench bench = new ClusterBench(members, senders, messages, window);
		List<String> rows = new ArrayList<>();
		rows.add("round\tnodes\tdeliveries\tseconds\tdeliveries_per_s\tnode_cpu_us_per_delivery"
				+ "\tredis_cpu_us_per_delivery\tpostgres_cpu_us_per_delivery\tserver_cpu_us_per_delivery\tp50_ms\tp99_ms\tlost");
		int redisPort = ClusterServers.freePort();
		RedisServer redis = ClusterServers.redis(redisPort);
		long redisPid = descendant("redis-server");
		try (EmbeddedPostgres postgres = ClusterServers.postgres()) {
			long postgresPid = postmaster(postgres.getPort());
			String[] db = { "spring.datasource.url=" + ClusterServers.jdbcUrl(postgres),
					"spring.datasource.username=postgres", "spring.datasource.password=postgres" };
			String[] cluster = { "parley.cluster.enabled=true", "spring.data.redis.port=" + redisPort };
			Path work = Files.createDirectories(Path.of("bench", "work", "cluster"));
			rows.add(bench.round("one-node", 1, work, redisPid, postgresPid, db, new String[0]));
			rows.add(bench.round("one-node-via-redis", 1, work, redisPid, postgresPid, db, cluster));
			rows.add(bench.round("two-nodes", 2, work, redisPid, postgresPid, db, cluster));
		}
		finally {
			redis.stop();
		}
		String table = String.join("\n", rows) + "\n";
		System.out.print(table);
		if (out != null) {
			Files.writeString(Path.of(out), table);
		}
	}

	/** One round: {@code nodes} fresh Parley processes, members spread round-robin, the fan-out, then stopped. */
	private String round(String name, int nodes, Path work, long redisPid, long postgresPid, String[] db,
			String[] cluster) throws Exception {
		List<ParleyProcess> started = new ArrayList<>();
		List<Member> joined = new ArrayList<>();
		try {
			for (int n = 0; n < nodes; n++) {
				List<String> settings = new ArrayList<>(Arrays.asList(db));
				settings.addAll(Arrays.asList(cluster));
				settings.add("parley.cluster.node-id=" + name + "-" + n);
				settings.add("logging.level.io.parley=WARN");
				started.add(ParleyProcess.start(work.resolve(name + "-" + n), List.of("-Xmx512m"),
						settings.toArray(String[]::new)));
			}
			String room = "bench" + name.replace("-", "") + System.nanoTime() % 100000;
			Fanout fanout = new Fanout(this.members, this.senders, this.messages, this.window);
			for (int i = 0; i < this.members; i++) {
				ParleyProcess node = started.get(i % nodes);
				joined.add(Member.join(node.linePort(), "m" + i + "x" + System.nanoTime() % 100000, room, i, fanout));
			}
			// every member is in; the JOIN lines and presence settle before the clock starts
			fanout.awaitQuiet();
			long[] cpu0 = cpu(started, redisPid, postgresPid);
			long t0 = System.nanoTime();
			fanout.start(joined, room);
			boolean done = fanout.done.await(300, TimeUnit.SECONDS);
			long expected = (long) this.senders * this.messages * (this.members - 1);
			// the pacing member saw the last lines; the others may still be reading theirs
			for (int wait = 0; wait < 100 && fanout.received.sum() < expected; wait++) {
				Thread.sleep(100);
			}
			long t1 = fanout.lastDelivery.get();
			long[] cpu1 = cpu(started, redisPid, postgresPid);
			long deliveries = fanout.received.sum();
			double seconds = (Math.max(t1, t0 + 1) - t0) / 1e9;
			double node = (cpu1[0] - cpu0[0]) / 1e3 / deliveries;
			double redisCpu = (cpu1[1] - cpu0[1]) / 1e3 / deliveries;
			double postgresCpu = (cpu1[2] - cpu0[2]) / 1e3 / deliveries;
			long[] lat = fanout.latencies();
			String row = String.format(Locale.ROOT, "%s\t%d\t%d\t%.2f\t%.0f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%d",
					name, nodes, deliveries, seconds, deliveries / seconds, node, redisCpu, postgresCpu,
					node + redisCpu + postgresCpu, percentile(lat, 0.50) / 1e6, percentile(lat, 0.99) / 1e6,
					expected - deliveries);
			System.err.println("cluster-bench: " + row + (done ? "" : " (timed out)") + "; redis pid " + redisPid
					+ ", postgres pid " + postgresPid);
			return row;
		}
		finally {
			for (Member m : joined) {
				m.close();
			}
			for (ParleyProcess p : started) {
				p.close();
			}
		}
	}

	/** The fan-out's shared state: counts, the pacing of the senders by the last member, latencies. */
	static final class Fanout {

		final int members;

		final int senders;

		final int messages;

		final int window;

		final LongAdder received = new LongAdder();

		final AtomicLong lastDelivery = new AtomicLong();

		final AtomicLong lastLine = new AtomicLong(System.nanoTime());

		final AtomicIntegerArray sent;

		final CountDownLatch done;

		final long[][] latencies;

		final int[] counts;

		List<Member> all;

		String room;

		Fanout(int members, int senders, int messages, int window) {
			this.members = members;
			this.senders = senders;
			this.messages = messages;
			this.window = window;
			this.sent = new AtomicIntegerArray(senders);
			this.done = new CountDownLatch(senders);
			this.latencies = new long[members][];
			this.counts = new int[members];
		}

		void awaitQuiet() throws InterruptedException {
			do {
				Thread.sleep(500);
			}
			while (System.nanoTime() - this.lastLine.get() < 2_000_000_000L);
		}

		void start(List<Member> all, String room) throws IOException {
			this.all = all;
			this.room = room;
			for (int i = 0; i < this.members; i++) {
				this.latencies[i] = new long[this.senders * this.messages];
			}
			for (int s = 0; s < this.senders; s++) {
				for (int w = 0; w < this.window; w++) {
					sendNext(s);
				}
			}
		}

		void sendNext(int sender) throws IOException {
			int n = this.sent.getAndIncrement(sender);
			if (n >= this.messages) {
				return;
			}
			this.all.get(sender).say(this.room, sender + " " + n + " " + System.nanoTime());
		}

		/** A ROOM line's text "sender n sentAt", read by member {@code index}. */
		void delivered(int index, String text) throws IOException {
			long now = System.nanoTime();
			String[] parts = text.split(" ");
			int sender = Integer.parseInt(parts[0]);
			int n = Integer.parseInt(parts[1]);
			long at = Long.parseLong(parts[2]);
			this.latencies[index][this.counts[index]++] = now - at;
			this.received.increment();
			this.lastDelivery.accumulateAndGet(now, Math::max);
			if (index == this.members - 1) {
				if (n == this.messages - 1) {
					this.done.countDown();
				}
				sendNext(sender);
			}
		}

		long[] latencies() {
			int total = 0;
			for (int c : this.counts) {
				total += c;
			}
			long[] all = new long[total];
			int at = 0;
			for (int i = 0; i < this.members; i++) {
				System.arraycopy(this.latencies[i], 0, all, at, this.counts[i]);
				at += this.counts[i];
			}
			Arrays.sort(all);
			return all;
		}

	}

	/** A member: a registered line-protocol client in the room, with a reader thread of its own. */
	static final class Member {

		private final Socket socket;

		private final OutputStream out;

		private final Thread reader;

		private Member(Socket socket, Thread reader) throws IOException {
			this.socket = socket;
			this.out = socket.getOutputStream();
			this.reader = reader;
		}

		static Member join(int port, String name, String room, int index, Fanout fanout) throws IOException {
			Socket socket = new Socket("localhost", port);
			socket.setTcpNoDelay(true);
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			PrintStream send = new PrintStream(socket.getOutputStream(), true, StandardCharsets.UTF_8);
			expect(in, "HELLO ");
			send.print("/register " + name + " " + PASSWORD + "\n");
			expect(in, "OK register");
			send.print("/join " + room + "\n");
			expect(in, "OK join");
			String prefix = "ROOM " + room + " ";
			Thread reader = new Thread(() -> {
				try {
					String line;
					while ((line = in.readLine()) != null) {
						fanout.lastLine.set(System.nanoTime());
						if (line.startsWith(prefix)) {
							// "ROOM <room> <from> <sender> <n> <sentAt>"
							int text = line.indexOf(' ', prefix.length()) + 1;
							fanout.delivered(index, line.substring(text));
						}
					}
				}
				catch (IOException | RuntimeException ex) {
					if (!socket.isClosed()) {
						System.err.println("cluster-bench: member " + index + ": " + ex);
					}
				}
			}, "member-" + index);
			reader.setDaemon(true);
			Member member = new Member(socket, reader);
			reader.start();
			return member;
		}

		private static void expect(BufferedReader in, String prefix) throws IOException {
			String line;
			do {
				line = in.readLine();
				if (line == null) {
					throw new IOException("closed before " + prefix);
				}
			}
			while (!line.startsWith(prefix));
		}

		synchronized void say(String room, String text) throws IOException {
			this.out.write(("/say " + room + " " + text + "\n").getBytes(StandardCharsets.UTF_8));
			this.out.flush();
		}

		void close() throws IOException {
			this.socket.close();
		}

	}

	/** User plus system CPU, in nanoseconds: the nodes together, Redis, PostgreSQL (all its processes). */
	private static long[] cpu(List<ParleyProcess> nodes, long redisPid, long postgresPid) {
		long node = 0;
		for (ParleyProcess p : nodes) {
			node += cpuNanos(p.pid());
		}
		long postgres = cpuNanos(postgresPid);
		for (ProcessHandle child : ProcessHandle.of(postgresPid).map(h -> h.descendants().toList()).orElse(List.of())) {
			postgres += cpuNanos(child.pid());
		}
		return new long[] { node, cpuNanos(redisPid), postgres };
	}

	/** utime + stime of /proc/PID/stat (fields 14 and 15), at the usual 100 ticks a second; 0 when unknown. */
	private static long cpuNanos(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** PostgreSQL's first process, the one listening on {@code port} (it may run outside this JVM's tree), or -1. */
	private static long postmaster(int port) {
		return ProcessHandle.allProcesses()
			.filter(h -> h.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
			.filter(h -> h.info().arguments().map(a -> Arrays.asList(a).contains(Integer.toString(port))).orElse(false))
			.mapToLong(ProcessHandle::pid)
			.findFirst()
			.orElse(-1);
	}

	/** The pid of this JVM's child whose program's file name starts with {@code program} (the first found), or -1. */
	private static long descendant(String program) {
		return ProcessHandle.current()
			.descendants()
			.filter(h -> h.info().command().map(c -> c.substring(c.lastIndexOf('/') + 1).startsWith(program)).orElse(false))
			.mapToLong(ProcessHandle::pid)
			.findFirst()
			.orElse(-1);
	}

	private static long percentile(long[] sorted, double p) {
		return (sorted.length == 0) ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
	}

	private static int intArg(String[] args, String name, int fallback) {
		String value = stringArg(args, name, null);
		return (value != null) ? Integer.parseInt(value) : fallback;
	}

	private static String stringArg(String[] args, String name, String fallback) {
		for (int i = 0; i + 1 < args.length; i++) {
			if (args[i].equals(name)) {
				return args[i + 1];
			}
		}
		return fallback;
	}

}
