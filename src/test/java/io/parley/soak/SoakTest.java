package io.parley.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.parley.support.ChatClient;
import io.parley.support.ParleyProcess;

/**
 * The soak run (README.md, "Soak run"): mixed traffic against Parley in a JVM of its own for
 * {@code -Dsoak.minutes} (30 for the documented run), then checks that nothing was lost, nothing failed, and
 * that the server's heap after a full GC and its thread count stayed flat. Not part of {@code verify}: run it
 * with {@code ./mvnw -B -Psoak test -Dsoak.minutes=30}.
 */
@Tag("soak")
class SoakTest {

	private static final int ROOMS = 6;

	private static final int LINE_MEMBERS_PER_ROOM = 20;

	private static final int IRC_MEMBERS_PER_ROOM = 5;

	private static final int CHURN_ACCOUNTS = 50;

	private static final String PASSWORD = "soak-pass-1";

	private final AtomicLongArray sentToRoom = new AtomicLongArray(ROOMS);

	private final AtomicLong churnCycles = new AtomicLong();

	private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

	private final AtomicBoolean running = new AtomicBoolean(true);

	@Test
	void mixedTrafficLosesNothingAndKeepsHeapAndThreadsFlat(@TempDir Path directory) throws Exception {
		Duration length = Duration.ofSeconds((long) (Double.parseDouble(System.getProperty("soak.minutes", "2")) * 60));
		Duration sampleEvery = length.dividedBy(12);
		try (ParleyProcess server = ParleyProcess.start(directory, List.of("-Xmx512m"))) {
			ExecutorService readers = Executors.newCachedThreadPool();
			List<Member> members = connectMembers(server, readers);
			List<String> churners = registerChurnAccounts(server);
			ExecutorService load = Executors.newFixedThreadPool(4);
			load.submit(() -> sendRoomLines(members));
			load.submit(() -> sendRoomLines(members));
			load.submit(() -> sendPrivateLines(members));
			load.submit(() -> churn(server, churners, members));
			List<Sample> samples = new ArrayList<>();
			long end = System.nanoTime() + length.toNanos();
			while (System.nanoTime() < end) {
				Thread.sleep(Math.min(sampleEvery.toMillis(), Math.max(1, (end - System.nanoTime()) / 1_000_000)));
				samples.add(sample(server, samples.size(), members));
				System.out.println(samples.get(samples.size() - 1));
			}
			this.running.set(false);
			load.shutdown();
			assertThat(load.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
			await().atMost(Duration.ofMinutes(1)).until(() -> members.stream().allMatch(Member::hasAll));
			// and a second more, long enough for a doubled line to show
			await("every line came once").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(
					() -> members.stream().map(Member::mismatch).allMatch(Objects::isNull));
			long delivered = members.stream().mapToLong(Member::received).sum();
			members.stream().map(Member::mismatch).filter(Objects::nonNull).forEach(this::problem);
			for (Member member : members) {
				member.close();
			}
			readers.shutdownNow();
			System.out.printf(Locale.ROOT, "soak: %s, %d room lines and %d private lines sent, %d delivered to"
					+ " %d members, %d churn sessions, %d problems%n", length, total(this.sentToRoom),
					members.stream().mapToLong(m -> m.privatesExpected.get()).sum(), delivered, members.size(),
					this.churnCycles.get(), this.problems.size());
			assertThat(this.problems).isEmpty();
			assertThat(server.logLines()).noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "));
			assertFlat(samples);
		}
	}

	/** Heap after a full GC and live threads, from the second sample (warm) to the last third. */
	private static void assertFlat(List<Sample> samples) {
		assertThat(samples).hasSizeGreaterThanOrEqualTo(6);
		Sample warm = samples.get(1);
		List<Sample> late = samples.subList(samples.size() * 2 / 3, samples.size());
		double lateHeap = late.stream().mapToDouble(Sample::heapMiB).average().orElseThrow();
		int lateThreads = late.stream().mapToInt(Sample::threads).max().orElseThrow();
		int earlyThreads = samples.subList(0, samples.size() / 2).stream().mapToInt(Sample::threads).max().orElseThrow();
		System.out.printf(Locale.ROOT, "soak: heap after GC %.1f MiB warm, %.1f MiB late; threads %d early, %d late%n",
				warm.heapMiB(), lateHeap, earlyThreads, lateThreads);
		assertThat(lateHeap).as("heap after GC, late vs warm").isLessThanOrEqualTo(warm.heapMiB() * 1.2 + 8);
		assertThat(lateThreads).as("live threads, late vs early").isLessThanOrEqualTo(earlyThreads + 8);
	}

	private List<Member> connectMembers(ParleyProcess server, ExecutorService readers) throws IOException {
		List<Member> members = new ArrayList<>();
		for (int room = 0; room < ROOMS; room++) {
			for (int i = 0; i < LINE_MEMBERS_PER_ROOM; i++) {
				members.add(Member.line(server, "soakline" + room + "x" + i, room, this));
			}
			for (int i = 0; i < IRC_MEMBERS_PER_ROOM; i++) {
				String name = "soakirc" + room + "x" + i;
				register(server, name).close();
				members.add(Member.irc(server, name, room, this));
			}
		}
		for (Member member : members) {
			member.startReading(readers);
		}
		return members;
	}

	private static List<String> registerChurnAccounts(ParleyProcess server) throws IOException {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < CHURN_ACCOUNTS; i++) {
			names.add("soakc" + i);
			register(server, "soakc" + i).close();
		}
		return names;
	}

	static ChatClient register(ParleyProcess server, String name) throws IOException {
		ChatClient client = new ChatClient("localhost", server.linePort());
		client.expectPrefix("HELLO ");
		client.send("/register " + name + " " + PASSWORD).expect("OK register " + name);
		client.name(name);
		return client;
	}

	static String room(int room) {
		return "soak" + room;
	}

	private void sendRoomLines(List<Member> members) {
		long n = 0;
		while (this.running.get()) {
			Member from = members.get(ThreadLocalRandom.current().nextInt(members.size()));
			if (from.sayInRoom("room line " + n++)) {
				this.sentToRoom.incrementAndGet(from.room);
				members.stream().filter(m -> m.room == from.room && m != from).forEach(m -> m.roomExpected.incrementAndGet());
			}
			pause(10);
		}
	}

	private void sendPrivateLines(List<Member> members) {
		long n = 0;
		while (this.running.get()) {
			Member from = members.get(ThreadLocalRandom.current().nextInt(members.size()));
			Member to = members.get(ThreadLocalRandom.current().nextInt(members.size()));
			if (from != to) {
				to.privatesExpected.incrementAndGet();
				if (!from.sayTo(to.name, "private line " + n++)) {
					to.privatesExpected.decrementAndGet();
				}
			}
			pause(20);
		}
	}

	/** Short sessions: log in, join, speak, message someone, quit; each is one more connection opened and closed. */
	private void churn(ParleyProcess server, List<String> names, List<Member> members) {
		while (this.running.get()) {
			String name = names.get(ThreadLocalRandom.current().nextInt(names.size()));
			int room = ThreadLocalRandom.current().nextInt(ROOMS);
			Member to = members.get(ThreadLocalRandom.current().nextInt(members.size()));
			try (ChatClient client = new ChatClient("localhost", server.linePort())) {
				client.expectPrefix("HELLO ");
				client.send("/login " + name + " " + PASSWORD).expect("OK login " + name);
				client.send("/join " + room(room)).expect("OK join " + room(room));
				// counted before sending: the members' readers may see the line before this thread goes on
				members.stream().filter(m -> m.room == room).forEach(m -> m.roomExpected.incrementAndGet());
				this.sentToRoom.incrementAndGet(room);
				to.privatesExpected.incrementAndGet();
				client.send("churn line from " + name);
				client.send("/msg " + to.name + " churn private from " + name);
				client.send("/quit");
				String line;
				while (!(line = client.readLine()).startsWith("BYE ")) {
					if (line.startsWith("ERR ")) {
						problem("churn " + name + ": " + line);
					}
				}
				if (!line.equals("BYE quit")) {
					problem("churn " + name + ": " + line);
				}
				this.churnCycles.incrementAndGet();
			}
			catch (IOException | AssertionError ex) {
				problem("churn " + name + ": " + ex.getMessage());
			}
			pause(50);
		}
	}

	void problem(String what) {
		if (this.running.get() || !what.contains("closed")) {
			this.problems.add(what);
			System.out.println("soak problem: " + what);
		}
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static long total(AtomicLongArray counts) {
		long sum = 0;
		for (int i = 0; i < counts.length(); i++) {
			sum += counts.get(i);
		}
		return sum;
	}

	private Sample sample(ParleyProcess server, int index, List<Member> members) throws Exception {
		Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(server.pid()), "GC.run")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		gc.waitFor(60, TimeUnit.SECONDS);
		double heap = server.metric("jvm.memory.used?tag=area:heap") / (1024 * 1024);
		int threads = (int) server.metric("jvm.threads.live");
		int sessions = (int) server.metric("parley.sessions.live");
		long rssKiB = Files.readAllLines(Path.of("/proc", Long.toString(server.pid()), "status"))
			.stream()
			.filter(line -> line.startsWith("VmRSS:"))
			.mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
			.findFirst()
			.orElse(-1);
		long delivered = members.stream().mapToLong(Member::received).sum();
		return new Sample(index, heap, threads, sessions, rssKiB / 1024, delivered, this.churnCycles.get());
	}

	record Sample(int index, double heapMiB, int threads, int sessions, long rssMiB, long delivered, long churn) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"soak sample %2d: heap after GC %6.1f MiB, RSS %4d MiB, threads %3d, sessions %3d, delivered %d, churn sessions %d",
					this.index, this.heapMiB, this.rssMiB, this.threads, this.sessions, this.delivered, this.churn);
		}

	}

}
