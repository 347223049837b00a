package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.parley.support.ChatClient;
import io.parley.support.ParleyProcess;

/**
 * The soak's thread check in short (issue 23), in the ordinary build: a few seconds of short sessions churning
 * beside members who chat in two rooms, against Parley in a JVM of its own, and then the server's live threads
 * go back to what they were before the load, give or take {@link #TOLERANCE}. On JDK 17 the readers and writers
 * are platform pools, which must let their threads go; with virtual threads (JDK 21+) there are none to keep.
 */
class ThreadsAfterChurnTest {

	/** Threads that may come and stay for reasons of their own: HTTP workers, a JIT or GC helper. */
	private static final int TOLERANCE = 5;

	private static final Duration LOAD = Duration.ofSeconds(10);

	private static final int MEMBERS = 20;

	private static final int CHURNERS = 4;

	private static final String PASSWORD = "churn-pass-1";

	@Test
	void liveThreadsGoBackToTheBaselineWhenTheChurnStops(@TempDir Path directory) throws Exception {
		try (ParleyProcess server = ParleyProcess.start(directory, List.of("-Xmx256m"),
				"parley.threads.keep-alive=2s")) {
			// one session first, so what any session starts once (a pool's first thread, a carrier) is in the baseline
			register(server, "warmup").close();
			int baseline = settledThreads(server);
			List<ChatClient> members = new ArrayList<>();
			ExecutorService clients = Executors.newCachedThreadPool();
			AtomicLong churned = new AtomicLong();
			AtomicInteger peak = new AtomicInteger();
			try {
				for (int i = 0; i < MEMBERS; i++) {
					ChatClient member = register(server, "member" + i);
					member.send("/join churn" + (i % 2)).expect("OK join churn" + (i % 2));
					members.add(member);
					clients.execute(() -> readUntilClosed(member));
				}
				for (int i = 0; i < CHURNERS; i++) {
					register(server, "churner" + i).close();
				}
				long end = System.nanoTime() + LOAD.toNanos();
				List<Future<?>> load = new ArrayList<>();
				for (int i = 0; i < CHURNERS; i++) {
					String name = "churner" + i;
					load.add(clients.submit(() -> churn(server, name, end, churned)));
				}
				load.add(clients.submit(() -> chat(members, end)));
				while (System.nanoTime() < end) {
					peak.accumulateAndGet((int) server.metric("jvm.threads.live"), Math::max);
					TimeUnit.MILLISECONDS.sleep(500);
				}
				for (Future<?> task : load) {
					task.get(1, TimeUnit.MINUTES);
				}
			}
			finally {
				for (ChatClient member : members) {
					member.close();
				}
				clients.shutdownNow();
			}
			assertThat(churned.get()).as("short sessions churned").isGreaterThan(20);
			System.out.printf("threads: %d before the load, up to %d during it (%d short sessions)%n", baseline,
					peak.get(), churned.get());
			await("live threads back to the baseline of " + baseline).atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> server.metric("jvm.threads.live"), threads -> threads <= baseline + TOLERANCE);
		}
	}

	/** Live threads once two readings a second apart agree: start-up's last threads have come and gone. */
	private static int settledThreads(ParleyProcess server) {
		AtomicInteger last = new AtomicInteger(-1);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			int now = (int) server.metric("jvm.threads.live");
			return last.getAndSet(now) == now;
		});
		return last.get();
	}

	private static ChatClient register(ParleyProcess server, String name) throws IOException {
		ChatClient client = new ChatClient("localhost", server.linePort());
		client.expectPrefix("HELLO ");
		client.send("/register " + name + " " + PASSWORD).expect("OK register " + name);
		return client;
	}

	/** Short sessions, one after another: log in, join, speak, message a member, quit. */
	private static Void churn(ParleyProcess server, String name, long end, AtomicLong churned) throws IOException {
		while (System.nanoTime() < end) {
			int room = ThreadLocalRandom.current().nextInt(2);
			try (ChatClient client = new ChatClient("localhost", server.linePort())) {
				client.expectPrefix("HELLO ");
				client.send("/login " + name + " " + PASSWORD).expect("OK login " + name);
				client.send("/join churn" + room);
				// the account's session before this one may still be ending: as its user's other session, this one
				// gets the room lines it is still a member for until then
				while (!client.readLine().equals("OK join churn" + room)) {
					// those room lines
				}
				client.send("/say churn" + room + " hello from " + name);
				client.send("/msg member" + ThreadLocalRandom.current().nextInt(MEMBERS) + " hi");
				client.send("/quit");
				while (!client.readLine().startsWith("BYE ")) {
					// the room's lines and the replies before the goodbye
				}
			}
			churned.incrementAndGet();
		}
		return null;
	}

	/** The members speak in their rooms, each line fanned out to the room's other members. */
	private static Void chat(List<ChatClient> members, long end) throws IOException, InterruptedException {
		for (long n = 0; System.nanoTime() < end; n++) {
			int from = ThreadLocalRandom.current().nextInt(members.size());
			members.get(from).send("/say churn" + (from % 2) + " line " + n);
			TimeUnit.MILLISECONDS.sleep(5);
		}
		return null;
	}

	private static void readUntilClosed(ChatClient member) {
		try {
			while (member.readLine(Duration.ofMinutes(1)) != null) {
				// the rooms' lines; only the server's threads are counted here
			}
		}
		catch (IOException | AssertionError ex) {
			// closed at the end of the test
		}
	}

}
