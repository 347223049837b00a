package io.parley.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The scenarios of issue 5, the same for every server: only the {@link Dialect} differs. Each run of a
 * scenario appends its figures to {@link Rows}; the first run of each ("warm-up") is not recorded. Long
 * because it also holds what every scenario shares (registration, timing, settling, recording), which
 * issue 15's {@link DirectLoads} and {@link BigRoom} use rather than repeat; new scenarios go in classes
 * of their own like those.
 */
final class Scenarios {

	/** Names this generator's rooms apart from those of earlier runs against the same server. */
	static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);


	/**
	 * How big each scenario is; {@code --quick} shrinks the long ones. {@code connectInFlight} registrations
	 * wait at once in the connect storm; the setup of the other scenarios uses the server's own setting
	 * ({@code --setup-in-flight}), since only what follows it is timed.
	 */
	record Scale(int connectClients, int connectInFlight, int holdSessions, int holdSeconds, int members,
			int senders, int messagesPerSender, int window, int pairs, int messagesPerPair, int pacedSeconds,
			int pacedIntervalMillis, int floodPerSender, int logins, int loginAccounts, int chatPairs,
			int roomMembers, int roomMessages, List<Integer> roleSizes, int roleProbes, int historySeed,
			int historyReads, int webSocketHold, int webSocketHoldSeconds, int webPageLoads) {

		static Scale full() {
			return new Scale(5_000, 200, 18_000, 20, 200, 10, 1_000, 5, 50, 2_000, 5, 5, 4_000, 400, 20, 10,
					5_000, 50, List.of(1_000, 2_500, 5_000), 30, 1_000_000, 1_000, 2_000, 20, 30);
		}

		static Scale quick() {
			return new Scale(1_000, 200, 2_000, 10, 200, 10, 300, 5, 50, 600, 2, 5, 1_000, 100, 20, 10, 500, 10,
					List.of(100, 250, 500), 5, 50_000, 100, 500, 5, 5);
		}

	}

	private static final long SECOND = 1_000_000_000L;

	/** How long registrations may go unanswered, none finishing, before the rest are given up. */
	private static final long STUCK_NANOS = 10 * SECOND;

	/**
	 * Registrations in flight while setting up every scenario but the connect storm, where only what follows
	 * is timed: 8 for ngIRCd, which listens with a backlog of 10 (more makes the kernel drop connections),
	 * hundreds for InspIRCd, which answers each registration a second late.
	 */
	private final int setupInFlight;

	private final String server;

	private final Dialect dialect;

	private final InetSocketAddress address;

	private final long pid;

	private final Scale scale;

	private final Rows rows;

	private final String jcmd;

	private final EventLoops loops;

	/** Where clients connect over WebSocket instead of TCP ({@link #overWebSocket}), or null. */
	private URI webSocket;

	private WebSocketLink.Clients webSocketClients;

	Scenarios(String server, Dialect dialect, InetSocketAddress address, long pid, Scale scale, int setupInFlight,
			Rows rows, String jcmd, EventLoops loops) {
		this.setupInFlight = setupInFlight;
		this.server = server;
		this.dialect = dialect;
		this.address = address;
		this.pid = pid;
		this.scale = scale;
		this.rows = rows;
		this.jcmd = jcmd;
		this.loops = loops;
	}

	String server() {
		return this.server;
	}

	/**
	 * The same server, its clients connecting over the WebSocket at {@code uri} with {@code clients}, recorded as
	 * {@code server}: the scenarios run unchanged over either transport.
	 */
	Scenarios overWebSocket(String server, URI uri, WebSocketLink.Clients clients) {
		Scenarios ws = new Scenarios(server, this.dialect, this.address, this.pid, this.scale, this.setupInFlight,
				this.rows, this.jcmd, this.loops);
		ws.webSocket = uri;
		ws.webSocketClients = clients;
		return ws;
	}

	/** The same kind of server at another address and process (a second Parley configured otherwise). */
	Scenarios elsewhere(String server, InetSocketAddress address, long pid) {
		return new Scenarios(server, this.dialect, address, pid, this.scale, this.setupInFlight, this.rows, this.jcmd,
				this.loops);
	}

	InetSocketAddress address() {
		return this.address;
	}

	Dialect dialect() {
		return this.dialect;
	}

	Scale scale() {
		return this.scale;
	}

	int setupInFlight() {
		return this.setupInFlight;
	}

	long pid() {
		return this.pid;
	}

	// ---------------------------------------------------------------- registration, shared by all

	/** Clients that registered, the failures, and the time from the first connect to the last registration. */
	record Registered(List<Client> clients, int failures, double seconds) {

		void closeAll() {
			this.clients.forEach(Client::close);
		}

	}

	/**
	 * Connects {@code n} clients with at most {@code inFlight} registrations waiting at once; each gets
	 * {@code after}'s handler once registered.
	 */
	Registered register(int n, int inFlight, Function<Integer, String> name, Function<Client, Client.Handler> after)
			throws InterruptedException {
		return register(n, inFlight, name, this.dialect::register, after);
	}

	/** As above, with {@code start} sending what registers (or logs in) a connected client. */
	Registered register(int n, int inFlight, Function<Integer, String> name, Consumer<Client> start,
			Function<Client, Client.Handler> after) throws InterruptedException {
		Semaphore slots = new Semaphore(inFlight);
		AtomicInteger slowConnects = new AtomicInteger();
		ExecutorService connectors = Executors.newFixedThreadPool(inFlight);
		CountDownLatch done = new CountDownLatch(n);
		AtomicInteger failures = new AtomicInteger();
		AtomicLong lastNanos = new AtomicLong();
		List<Client> clients = new ArrayList<>(n);
		Set<Client> answered = ConcurrentHashMap.newKeySet();
		long startNanos = System.nanoTime();
		for (int i = 0; i < n; i++) {
			if (!slots.tryAcquire(60, TimeUnit.SECONDS)) {
				System.err.printf("bench: %s: registrations stalled at %d of %d%n", this.server, i, n);
				failures.addAndGet(n - i);
				for (int j = i; j < n; j++) {
					done.countDown();
				}
				break;
			}
			Client.Handler registering = new Client.Handler() {
				private boolean finished;

				@Override
				public void line(Client c, String line) {
					String answer = Scenarios.this.dialect.answerToPing(line);
					if (answer != null) {
						c.send(answer);
					}
					if (this.finished) {
						return;
					}
					if (Scenarios.this.dialect.isRegistered(line)) {
						this.finished = true;
						lastNanos.accumulateAndGet(System.nanoTime(), Math::max);
						answered.add(c);
						c.handler(after.apply(c));
						slots.release();
						done.countDown();
					}
					else if (Scenarios.this.dialect.isRefusal(line)) {
						fail(c, line);
					}
				}

				@Override
				public void closed(Client c) {
					if (!this.finished) {
						fail(c, "closed");
					}
				}

				private void fail(Client c, String why) {
					this.finished = true;
					if (failures.incrementAndGet() <= 3) {
						System.err.printf("bench: %s: %s not registered: %s%n", Scenarios.this.server, c.name, why);
					}
					c.close();
					slots.release();
					done.countDown();
				}
			};
			int index = i;
			// connects run on a pool: one a server's full listen backlog makes the kernel retry a second
			// later must not hold up the others
			connectors.execute(() -> {
				try {
					long connectStart = System.nanoTime();
					Client c = (this.webSocket == null)
							? Client.connect(this.address, index, name.apply(index), this.dialect, this.loops,
									registering)
							: Client.overWebSocket(this.webSocketClients, this.webSocket, index, name.apply(index),
									this.dialect, registering);
					synchronized (clients) {
						clients.add(c);
					}
					if (System.nanoTime() - connectStart > SECOND / 2) {
						slowConnects.incrementAndGet();
					}
					start.accept(c);
				}
				catch (IOException ex) {
					if (failures.incrementAndGet() <= 3) {
						System.err.printf("bench: %s: connect failed: %s%n", this.server, ex);
					}
					slots.release();
					done.countDown();
				}
			});
		}
		awaitRegistrations(done);
		connectors.shutdown();
		if (slowConnects.get() > 0) {
			System.err.printf("bench: %s: %d of %d connects took over 0.5 s (the listen backlog overflowed)%n",
					this.server, slowConnects.get(), n);
		}
		List<Client> registered;
		synchronized (clients) {
			clients.stream().filter(c -> !answered.contains(c)).forEach(Client::close); // given up
			registered = clients.stream().filter(c -> answered.contains(c) && !c.isClosed()).toList();
		}
		long end = Math.max(lastNanos.get(), startNanos);
		return new Registered(new ArrayList<>(registered), failures.get() + (int) done.getCount(),
				(end - startNanos) / 1e9);
	}

	/**
	 * Waits for the registrations under way: until all are answered, none has been for {@link #STUCK_NANOS} (one
	 * the server never answers would otherwise hold the run until the server's own login timeout, a minute), or
	 * two minutes have passed. The rest count as failures.
	 */
	private void awaitRegistrations(CountDownLatch done) throws InterruptedException {
		long deadline = System.nanoTime() + 120 * SECOND;
		long left = done.getCount();
		long lastChange = System.nanoTime();
		while (!done.await(200, TimeUnit.MILLISECONDS)) {
			long now = System.nanoTime();
			if (done.getCount() != left) {
				left = done.getCount();
				lastChange = now;
			}
			else if (now - lastChange > STUCK_NANOS || now > deadline) {
				System.err.printf("bench: %s: %d registrations unanswered for %d s, given up%n", this.server, left,
						(now - lastChange) / SECOND);
				return;
			}
		}
	}

	/** After registration: answers pings, counts connections the server ends. */
	Client.Handler idle(LongAdder dropped, LongAdder pongs) {
		return new Client.Handler() {
			@Override
			public void line(Client c, String line) {
				String answer = Scenarios.this.dialect.answerToPing(line);
				if (answer != null) {
					c.send(answer);
				}
				else if (Scenarios.this.dialect.isPong(line)) {
					pongs.increment();
				}
			}

			@Override
			public void closed(Client c) {
				dropped.increment();
			}
		};
	}

	// ---------------------------------------------------------------- 1. connect

	void connect(String rep) throws InterruptedException {
		settle();
		long rss0 = Proc.rssKib(this.pid);
		LongAdder dropped = new LongAdder();
		Registered r = register(this.scale.connectClients(), this.scale.connectInFlight(), i -> "c" + rep + "_" + i,
				c -> idle(dropped, new LongAdder()));
		Thread.sleep(1000);
		long rss1 = Proc.rssKib(this.pid);
		int ok = r.clients().size() - dropped.intValue();
		record(rep, "connect", "registrations_per_s", ok / Math.max(r.seconds(), 1e-9));
		record(rep, "connect", "time_s", r.seconds());
		record(rep, "connect", "failures", r.failures() + dropped.intValue());
		record(rep, "connect", "rss_growth_per_client_kib", (rss1 - rss0) / (double) Math.max(ok, 1));
		r.closeAll();
	}

	// ---------------------------------------------------------------- hold (Parley)

	/**
	 * Holds idle sessions. Heap and RSS are read after a full GC each time (a full GC may give memory back,
	 * so RSS read without one is not comparable). The heap a session costs is what 10,000 hold over the
	 * lower of before and after: leftovers of earlier runs that are freed meanwhile do not count against it.
	 */
	void hold(String rep) throws InterruptedException {
		hold(rep, "hold", this.scale.holdSessions(), this.scale.holdSeconds());
	}

	/** The hold, recorded as {@code scenario}, of {@code n} sessions for {@code seconds}. */
	void hold(String rep, String scenario, int n, int seconds) throws InterruptedException {
		settle();
		long heap0 = Proc.heapAfterGcKib(this.jcmd, this.pid);
		long rss0 = Proc.settledRssKib(this.pid);
		long slab0 = Proc.meminfoKib("Slab");
		long files0 = Proc.openFiles(this.pid);
		LongAdder dropped = new LongAdder();
		LongAdder pongs = new LongAdder();
		Registered r = register(n, this.setupInFlight, i -> "h" + rep + "_" + i, c -> idle(dropped, pongs));
		System.out.printf("  %s hold: %d sessions registered in %.1f s, holding %d s%n", this.server,
				r.clients().size(), r.seconds(), seconds);
		Thread.sleep(seconds * 1000L);
		long heap1 = Proc.heapAfterGcKib(this.jcmd, this.pid);
		long rss1 = Proc.settledRssKib(this.pid);
		long slab1 = Proc.meminfoKib("Slab");
		// every session still answers
		for (Client c : r.clients()) {
			this.dialect.ping(c, "held");
		}
		long deadline = System.nanoTime() + 60 * SECOND;
		while (pongs.sum() + dropped.sum() < r.clients().size() && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		int held = (int) pongs.sum();
		r.closeAll();
		settle();
		// Spring Integration drops closed connections from its map only when another one opens: one does
		Registered probe = register(1, 1, i -> "h" + rep + "_probe", c -> idle(new LongAdder(), new LongAdder()));
		probe.closeAll();
		settle();
		long heap2 = Proc.heapAfterGcKib(this.jcmd, this.pid);
		record(rep, scenario, "sessions_wanted", n);
		record(rep, scenario, "sessions_held", held);
		record(rep, scenario, "dropped", n - held);
		record(rep, scenario, "registrations_per_s", r.clients().size() / Math.max(r.seconds(), 1e-9));
		record(rep, scenario, "rss_growth_per_session_kib", (rss1 - rss0) / (double) Math.max(held, 1));
		if (heap0 >= 0 && heap1 >= 0 && heap2 >= 0) {
			record(rep, scenario, "heap_per_session_kib", (heap1 - Math.min(heap0, heap2)) / (double) Math.max(held, 1));
		}
		record(rep, scenario, "server_rss_mib", rss1 / 1024.0);
		if (files0 >= 0) {
			record(rep, scenario, "server_files_before", files0); // its own files: what a session limit must add
		}
		if (slab0 >= 0 && slab1 >= 0) {
			// the kernel's memory for a connection, outside any process's RSS: loopback has both ends on this
			// machine, so half the growth; the whole machine's figure, so only indicative on a shared one
			record(rep, scenario, "kernel_slab_per_socket_kib", (slab1 - slab0) / 2.0 / Math.max(held, 1));
		}
	}

	// ---------------------------------------------------------------- 2. fan-out

	void fanout(String rep) throws InterruptedException {
		fanout(rep, this.scale.messagesPerSender());
	}

	void fanout(String rep, int messagesPerSender) throws InterruptedException {
		fanout(rep, messagesPerSender, "fanout");
	}

	/** Fan-out recorded as {@code scenario}. */
	void fanout(String rep, int messagesPerSender, String scenario) throws InterruptedException {
		settle();
		int members = this.scale.members();
		int senders = this.scale.senders();
		// the member whose deliveries pace the senders: the last one, or the last the server let in
		AtomicInteger observer = new AtomicInteger(members - 1);
		// a room of this generator's own: a room an earlier run used (the other protocol's, on the same server) has
		// history, and its join replay would count as deliveries
		String room = "fan" + rep + "-" + RUN;
		CountDownLatch joined = new CountDownLatch(members);
		LongAdder received = new LongAdder();
		AtomicLong lastDelivery = new AtomicLong();
		AtomicIntegerArray sent = new AtomicIntegerArray(senders);
		Map<Thread, Latencies> latencies = new ConcurrentHashMap<>();
		Client[] byIndex = new Client[members];
		LongAdder dropped = new LongAdder();

		Client.Handler member = new Client.Handler() {
			@Override
			public void line(Client c, String line) {
				int p = Dialect.payload(line);
				if (p < 0) {
					if (!answeredOrRefused(c, line) && c.counter == 0 && Scenarios.this.dialect.isJoined(line)) {
						c.counter = 1;
						joined.countDown();
					}
					return;
				}
				long now = System.nanoTime();
				int s1 = line.indexOf(' ', p);
				int s2 = line.indexOf(' ', s1 + 1);
				int sender = Integer.parseInt(line, p, s1, 10);
				long sentAt = Long.parseLong(line, s2 + 1, line.length(), 10);
				latencies.computeIfAbsent(Thread.currentThread(), t -> new Latencies()).add(now - sentAt);
				received.increment();
				lastDelivery.accumulateAndGet(now, Math::max);
				if (c.index == observer.get() && sent.get(sender) < messagesPerSender) {
					sendRoom(byIndex[sender], room, sender, sent.getAndIncrement(sender));
				}
			}

			@Override
			public void closed(Client c) {
				dropped.increment();
			}
		};
		Registered r = register(members, this.setupInFlight, i -> "f" + rep + "_" + i, c -> member);
		if (r.clients().size() < members) {
			System.err.printf("bench: %s fan-out: only %d members%n", this.server, r.clients().size());
		}
		for (int i = r.clients().size(); i < members; i++) {
			joined.countDown(); // those the server refused are not waited for
		}
		for (Client c : r.clients()) {
			byIndex[c.index] = c;
			this.dialect.join(c, room);
		}
		if (!joined.await(60, TimeUnit.SECONDS)) {
			System.err.printf("bench: %s fan-out: %d members never joined%n", this.server, joined.getCount());
		}
		Thread.sleep(1000); // the JOIN lines of 200 members settle

		// a server that refused some members (a cap on connections) is measured with those it took: senders
		// it refused send nothing, and the pacing member is the last non-sender it took
		int present = 0;
		for (int i = 0; i < senders; i++) {
			present += byIndex[i] == null ? 0 : 1;
		}
		int last = members - 1;
		while (last >= senders && byIndex[last] == null) {
			last--;
		}
		observer.set(last);
		if (present == 0 || last < senders) {
			System.err.printf("bench: %s fan-out: run %s skipped, the server took too few members%n", this.server, rep);
			record(rep, scenario, "dropped_members", dropped.sum() + (members - r.clients().size()));
			r.closeAll();
			return;
		}
		// every member in the room but the sender: those registered, less those whose join never came
		long expected = (long) present * messagesPerSender * (r.clients().size() - joined.getCount() - 1);
		Timing timing = new Timing();
		for (int s = 0; s < senders; s++) {
			for (int w = 0; w < this.scale.window() && byIndex[s] != null && sent.get(s) < messagesPerSender; w++) {
				sendRoom(byIndex[s], room, s, sent.getAndIncrement(s));
			}
		}
		awaitCount(received, expected, 120);
		long got = received.sum();
		recordTimed(rep, scenario, timing, Math.max(lastDelivery.get(), timing.t0 + 1), got,
				new String[] { "deliveries", "delivery", "" }, latencies);
		record(rep, scenario, "lost", expected - got);
		record(rep, scenario, "dropped_members", dropped.sum() + (members - r.clients().size()));
		r.closeAll();
	}

	/** Where the server's and the generator's CPU and the clock stood when a timed part began. */
	final class Timing {

		final long serverCpu0 = Proc.cpuNanos(Scenarios.this.pid);

		final long generatorCpu0 = Proc.selfCpuNanos();

		final long t0 = System.nanoTime();

	}

	/**
	 * Records a timed part that ended at {@code t1} having moved {@code count} items: the rate, the server's and
	 * the generator's CPU per item and in cores, and the p50/p99 latency. {@code names} holds the item in the
	 * plural and the singular and the latency's infix, as in {@code deliveries_per_s},
	 * {@code server_cpu_per_delivery_us}, {@code p99_ms}, or {@code p99_rtt_ms} for round trips.
	 */
	void recordTimed(String rep, String scenario, Timing timing, long t1, long count, String[] names,
			Map<Thread, Latencies> latencies) {
		long serverCpu = Proc.cpuNanos(this.pid) - timing.serverCpu0;
		long generatorCpu = Proc.selfCpuNanos() - timing.generatorCpu0;
		double wall = (t1 - timing.t0) / 1e9;
		long[] sorted = Latencies.merged(latencies.values().toArray(Latencies[]::new));
		record(rep, scenario, names[0] + "_per_s", count / wall);
		record(rep, scenario, "server_cpu_per_" + names[1] + "_us", serverCpu / 1e3 / Math.max(count, 1));
		record(rep, scenario, "generator_cpu_per_" + names[1] + "_us", generatorCpu / 1e3 / Math.max(count, 1));
		record(rep, scenario, "server_cpu_cores", serverCpu / 1e9 / wall);
		record(rep, scenario, "generator_cpu_cores", generatorCpu / 1e9 / wall);
		record(rep, scenario, "p50" + names[2] + "_ms", Latencies.quantileMicros(sorted, 0.50) / 1000);
		record(rep, scenario, "p99" + names[2] + "_ms", Latencies.quantileMicros(sorted, 0.99) / 1000);
	}

	private void sendRoom(Client sender, String room, int senderIndex, int seq) {
		this.dialect.say(sender, room, Dialect.MARK + senderIndex + " " + seq + " " + System.nanoTime());
	}

	// ---------------------------------------------------------------- 3. direct

	void direct(String rep) throws InterruptedException {
		direct(rep, "direct");
	}

	/** The ping-pong direct load recorded as {@code scenario}. */
	void direct(String rep, String scenario) throws InterruptedException {
		direct(rep, scenario, this.scale.messagesPerPair());
	}

	/** The ping-pong direct load recorded as {@code scenario}, {@code messagesPerPair} messages a pair. */
	void direct(String rep, String scenario, int messagesPerPair) throws InterruptedException {
		settle();
		int pairs = this.scale.pairs();
		int roundTrips = messagesPerPair / 2;
		CountDownLatch done = new CountDownLatch(pairs);
		LongAdder messages = new LongAdder();
		Map<Thread, Latencies> latencies = new ConcurrentHashMap<>();
		Client.Handler pair = pairHandler(roundTrips, messages,
				() -> latencies.computeIfAbsent(Thread.currentThread(), t -> new Latencies()), done, this::ping);
		Registered r = register(2 * pairs, this.setupInFlight, i -> "d" + rep + (i % 2 == 0 ? "a" : "b") + i / 2,
				c -> pair);
		Client[] byIndex = index(r, 2 * pairs);
		int complete = 0;
		for (int i = 0; i < pairs; i++) {
			if (byIndex[2 * i] == null || byIndex[2 * i + 1] == null) {
				done.countDown(); // half a pair has nobody to talk to
				byIndex[2 * i] = null;
			}
			else {
				complete++;
			}
		}
		Timing timing = new Timing();
		for (int i = 0; i < pairs; i++) {
			if (byIndex[2 * i] != null) {
				ping(byIndex[2 * i]);
			}
		}
		if (!done.await(120, TimeUnit.SECONDS)) {
			System.err.printf("bench: %s direct: %d pairs unfinished%n", this.server, done.getCount());
		}
		long got = messages.sum();
		recordTimed(rep, scenario, timing, System.nanoTime(), got, new String[] { "messages", "message", "_rtt" },
				latencies);
		record(rep, scenario, "lost", (long) complete * roundTrips * 2 - got);
		record(rep, scenario, "pairs", complete);
		r.closeAll();
	}

	/**
	 * Even clients start a round trip, odd ones echo it back; an even client that has its answer hands itself
	 * to {@code next} (which starts the next round trip at once, later, or leaves it to a timer).
	 */
	Client.Handler pairHandler(int roundTrips, LongAdder messages, Supplier<Latencies> recorder,
			CountDownLatch done, Consumer<Client> next) {
		return new Client.Handler() {
			@Override
			public void line(Client c, String line) {
				int p = Dialect.payload(line);
				if (p < 0) {
					answeredOrRefused(c, line);
					return;
				}
				messages.increment();
				String partner = partnerName(c);
				if (c.index % 2 == 1) {
					Scenarios.this.dialect.msg(c, partner, line.substring(p - Dialect.MARK.length()));
					return;
				}
				long now = System.nanoTime();
				recorder.get().add(now - Long.parseLong(line, p, line.length(), 10));
				c.counter++;
				if (roundTrips > 0 && c.counter >= roundTrips) {
					done.countDown();
				}
				else if (!c.isClosed()) {
					next.accept(c);
				}
			}
		};
	}

	/** Answers a server's keep-alive ping, or reports a refusal; true when the line was either. */
	boolean answeredOrRefused(Client c, String line) {
		String answer = this.dialect.answerToPing(line);
		if (answer != null) {
			c.send(answer);
			return true;
		}
		if (this.dialect.isRefusal(line)) {
			System.err.printf("bench: %s: %s got %s%n", this.server, c.name, line);
			return true;
		}
		return false;
	}

	void ping(Client from) {
		this.dialect.msg(from, partnerName(from), Dialect.MARK + System.nanoTime());
	}

	/** a and b of a pair differ in the letter after the prefix: "d1a7" and "d1b7". */
	static String partnerName(Client c) {
		String name = c.name;
		int i = name.lastIndexOf(c.index % 2 == 0 ? 'a' : 'b');
		return name.substring(0, i) + (c.index % 2 == 0 ? 'b' : 'a') + name.substring(i + 1);
	}

	static Client[] index(Registered r, int n) {
		Client[] byIndex = new Client[n];
		for (Client c : r.clients()) {
			byIndex[c.index] = c;
		}
		return byIndex;
	}

	// ---------------------------------------------------------------- 4. logins (Parley's line protocol)

	private boolean accountsMade;

	void logins(String rep) throws InterruptedException {
		settle();
		String password = "bench-password-1";
		int accounts = this.scale.loginAccounts();
		if (!this.accountsMade) {
			Registered made = register(accounts, this.setupInFlight, i -> "lu" + i,
					c -> c.send("/register " + c.name + " " + password), c -> idle(new LongAdder(), new LongAdder()));
			System.out.printf("  %s logins: %d accounts made (%d failed)%n", this.server, made.clients().size(),
					made.failures());
			made.closeAll();
			this.accountsMade = true;
		}
		// chat going on meanwhile: pairs with a round trip every 20 ms, timed before and during the burst
		ScheduledExecutorService pause = Executors.newSingleThreadScheduledExecutor();
		List<Map<Thread, Latencies>> phases = List.of(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
				new ConcurrentHashMap<>());
		AtomicInteger phase = new AtomicInteger();
		Client.Handler chat = pairHandler(0, new LongAdder(),
				() -> phases.get(phase.get()).computeIfAbsent(Thread.currentThread(), t -> new Latencies()),
				new CountDownLatch(1), c -> pause.schedule(() -> ping(c), 20, TimeUnit.MILLISECONDS));
		int chatPairs = this.scale.chatPairs();
		Registered talkers = register(2 * chatPairs, this.setupInFlight,
				i -> "l" + rep + (i % 2 == 0 ? "a" : "b") + i / 2, c -> chat);
		Client[] byIndex = index(talkers, 2 * chatPairs);
		for (int i = 0; i < chatPairs; i++) {
			if (byIndex[2 * i] != null) {
				ping(byIndex[2 * i]);
			}
		}
		Thread.sleep(1000);
		phase.set(1);
		Thread.sleep(3000);
		phase.set(2);
		long t0 = System.nanoTime();
		Registered logins = register(this.scale.logins(), this.setupInFlight, i -> "lu" + (i % accounts),
				c -> c.send("/login " + c.name + " " + password), c -> {
					c.close(); // logged in: make room for the next login, as a reconnecting client would
					return idle(new LongAdder(), new LongAdder());
				});
		long t1 = System.nanoTime();
		phase.set(0);
		pause.shutdownNow();
		talkers.closeAll();
		logins.closeAll();
		long[] before = Latencies.merged(phases.get(1).values().toArray(Latencies[]::new));
		long[] during = Latencies.merged(phases.get(2).values().toArray(Latencies[]::new));
		// logged-in clients close at once, so what counts is what did not fail
		record(rep, "logins", "logins_per_s", (this.scale.logins() - logins.failures()) / ((t1 - t0) / 1e9));
		record(rep, "logins", "failures", logins.failures());
		record(rep, "logins", "chat_p50_rtt_before_ms", Latencies.quantileMicros(before, 0.50) / 1000);
		record(rep, "logins", "chat_p99_rtt_before_ms", Latencies.quantileMicros(before, 0.99) / 1000);
		record(rep, "logins", "chat_p50_rtt_during_ms", Latencies.quantileMicros(during, 0.50) / 1000);
		record(rep, "logins", "chat_p99_rtt_during_ms", Latencies.quantileMicros(during, 0.99) / 1000);
	}

	// ---------------------------------------------------------------- helpers

	static void awaitCount(LongAdder counter, long expected, int timeoutSeconds) throws InterruptedException {
		long deadline = System.nanoTime() + timeoutSeconds * SECOND;
		long last = -1;
		long lastChange = System.nanoTime();
		while (System.nanoTime() < deadline) {
			long now = counter.sum();
			if (now >= expected) {
				return;
			}
			if (now != last) {
				last = now;
				lastChange = System.nanoTime();
			}
			else if (System.nanoTime() - lastChange > 5 * SECOND) {
				return; // nothing more is coming
			}
			Thread.sleep(2);
		}
	}

	/**
	 * Lets the server finish with the previous run's connections before measuring: waits until it uses
	 * under 5% of a core over half a second (at least 1 s, at most 30 s).
	 */
	void settle() throws InterruptedException {
		Thread.sleep(1000);
		long deadline = System.nanoTime() + 30 * SECOND;
		while (System.nanoTime() < deadline) {
			long cpu0 = Proc.cpuNanos(this.pid);
			Thread.sleep(500);
			if (Proc.cpuNanos(this.pid) - cpu0 < SECOND / 40) {
				return;
			}
		}
	}

	void record(String rep, String scenario, String metric, double value) {
		if (rep.startsWith("w") || rep.startsWith("p")) {
			return; // a warm-up, or the run under the profiler
		}
		this.rows.add(this.server, scenario, rep, metric, value);
	}

}
