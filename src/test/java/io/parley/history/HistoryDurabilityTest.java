package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyProcess;
import io.parley.support.StandaloneParley;

/**
 * History in the file database: it survives a restart whole (a shutdown writes what is queued), and a kill -9
 * during traffic loses at most the last fraction of a second of room lines and never an offline message whose
 * sender was told "queued".
 */
class HistoryDurabilityTest {

	/**
	 * What a kill may lose: lines delivered within this long before it (the writer commits every commit-interval,
	 * 100 ms by default, and a write takes some more).
	 */
	private static final long LOSS_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

	@TempDir
	Path workDir;

	private final List<ParleyProcess> started = new ArrayList<>();

	@AfterEach
	void killLeftovers() throws InterruptedException {
		for (ParleyProcess server : this.started) {
			server.kill();
		}
	}

	@Test
	void historySurvivesARestart() throws Exception {
		String url = "spring.datasource.url=jdbc:h2:file:" + this.workDir.resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE";
		String room = LineServer.uniqueName("kept");
		String alice = LineServer.uniqueName("alice");
		try (ConfigurableApplicationContext first = StandaloneParley.start(url);
				ChatClient client = StandaloneParley.connect(first)) {
			client.send("/register " + alice + " password1").expect("OK register " + alice);
			client.send("/join " + room).expect("OK join " + room);
			StringBuilder burst = new StringBuilder();
			for (int i = 0; i < 300; i++) {
				burst.append("/say ").append(room).append(" kept ").append(i).append('\n');
			}
			client.sendRaw(burst.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
			client.send("/ping sent").expect("PONG sent");
			// closed at once, with lines still queued for the writer: the shutdown writes them
		}
		try (ConfigurableApplicationContext second = StandaloneParley.start(url);
				ChatClient client = StandaloneParley.connect(second)) {
			client.send("/login " + alice + " password1").expect("OK login " + alice);
			client.send("/join " + room).expect("OK join " + room);
			LineHistoryTest.readBlock(client); // the replay
			client.send("/history " + room + " 1000");
			assertThat(LineHistoryTest.readBlock(client).messages()).extracting(LineHistoryTest.Hist::text)
				.containsExactlyElementsOf(java.util.stream.IntStream.range(0, 300).mapToObj(i -> "kept " + i).toList());
		}
	}

	@Test
	void aKillLosesAtMostTheLastFractionOfASecondAndNoQueuedOfflineMessage() throws Exception {
		ParleyProcess first = start();
		String room = LineServer.uniqueName("busy");
		ChatClient talker = register(first, "talker");
		ChatClient listener = register(first, "listener");
		String away;
		try (ChatClient gone = register(first, "away")) {
			away = gone.name();
			gone.send("/quit").expect("BYE quit");
		}
		talker.send("/join " + room).expect("OK join " + room);
		listener.send("/join " + room).expect("OK join " + room);
		talker.expect("JOIN " + room + " " + listener.name());
		// the listener notes when each line reached it; the talker, which offline messages were confirmed
		Map<String, Long> delivered = new ConcurrentHashMap<>();
		ConcurrentLinkedQueue<String> queued = new ConcurrentLinkedQueue<>();
		AtomicBoolean killed = new AtomicBoolean();
		Thread listening = new Thread(() -> {
			try {
				while (!killed.get()) {
					String line = listener.readLine(java.time.Duration.ofSeconds(30));
					if (line == null) {
						return;
					}
					if (line.startsWith("ROOM ")) {
						delivered.put(line.substring(line.lastIndexOf(' ') + 1), System.nanoTime());
					}
				}
			}
			catch (IOException | AssertionError ex) {
				// the kill ends the connection
			}
		});
		Thread talking = new Thread(() -> {
			try {
				for (int i = 0; !killed.get(); i++) {
					talker.send("/say " + room + " r" + i);
					talker.send("/msg " + away + " o" + i);
					String reply = talker.readLine(java.time.Duration.ofSeconds(30));
					if (reply != null && reply.equals("OK msg " + away + " queued")) {
						queued.add("o" + i);
					}
				}
			}
			catch (IOException | AssertionError ex) {
				// the kill ends the connection
			}
		});
		listening.start();
		talking.start();
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2))
			// enough lines delivered longer ago than the loss window for the check below to mean something, however
			// fast the server delivers them
			.until(() -> delivered.values().stream().filter(at -> System.nanoTime() - at > LOSS_WINDOW_NANOS).count() >= 250
					&& queued.size() >= 200);
		first.kill();
		long killedAt = System.nanoTime();
		killed.set(true);
		talking.join();
		listening.join();

		ParleyProcess second = start();
		try (ChatClient awayAgain = login(second, away)) {
			List<String> kept = new ArrayList<>();
			LineHistoryTest.Block block = LineHistoryTest.readBlock(awayAgain);
			block.messages().forEach(m -> kept.add(m.text()));
			assertThat(block.header()).isEqualTo("HISTORY * offline");
			assertThat(kept).as("offline messages confirmed before the kill").containsAll(queued);
		}
		try (ChatClient reader = login(second, talker.name())) {
			reader.send("/join " + room).expect("OK join " + room);
			LineHistoryTest.readBlock(reader);
			List<String> stored = new ArrayList<>();
			String before = null;
			while (true) {
				reader.send("/history " + room + (before == null ? "" : " before " + before) + " 1000");
				LineHistoryTest.Block page = LineHistoryTest.readBlock(reader);
				page.messages().forEach(m -> stored.add(m.text()));
				if (!page.more()) {
					break;
				}
				before = page.messages().get(0).id();
			}
			List<String> mustHave = delivered.entrySet()
				.stream()
				.filter(e -> killedAt - e.getValue() > LOSS_WINDOW_NANOS)
				.map(Map.Entry::getKey)
				.toList();
			assertThat(mustHave).hasSizeGreaterThan(200);
			assertThat(stored).as("room lines delivered over half a second before the kill").containsAll(mustHave);
		}
		talker.close();
		listener.close();
	}

	private ParleyProcess start() throws IOException {
		ParleyProcess server = ParleyProcess.start(this.workDir, List.of("-Xmx256m"));
		this.started.add(server);
		return server;
	}

	private static ChatClient register(ParleyProcess server, String prefix) throws IOException {
		String name = LineServer.uniqueName(prefix);
		ChatClient client = new ChatClient("localhost", server.linePort());
		client.expectPrefix("HELLO ");
		client.send("/register " + name + " password1").expect("OK register " + name);
		client.name(name);
		return client;
	}

	private static ChatClient login(ParleyProcess server, String name) throws IOException {
		ChatClient client = new ChatClient("localhost", server.linePort());
		client.expectPrefix("HELLO ");
		client.send("/login " + name + " password1").expect("OK login " + name);
		client.name(name);
		return client;
	}

}
