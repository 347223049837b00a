package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.BulkRead;
import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * A client that stops reading is cut off once its send queue (64 KB here) overflows, whether what piles up is a
 * busy room's lines or its own replies; nobody else waits for it meanwhile, not while its socket is full nor
 * during the close grace (1 s here) its blocked writer gets. What it was sent before arrives whole and in order.
 */
@ParleyTest(properties = { "parley.sessions.send-queue-bytes=64KB", "parley.sessions.close-grace=1s" })
class SlowReaderTest {

	/** Stops the room test if the slow member is never cut: far more than its socket buffers and queue hold. */
	private static final int MAX_LINES = 100_000;

	/** Lines the sender may be ahead of the fast reader: well within its 64 KB queue and the kernel's buffers. */
	private static final int WINDOW = 32;

	/** Half the close grace: a writer blocked on the slow client that held others up would show here. */
	private static final Duration MAX_WAIT = Duration.ofMillis(500);

	private static final String PADDING = "x".repeat(1000);

	private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

	@Autowired
	LineServer server;

	@Test
	void aMemberThatDoesNotReadIsCutOffWhileTheOthersKeepReceiving() throws Exception {
		String room = LineServer.uniqueName("busy");
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try (ChatClient slow = this.server.register("slow"); ChatClient fast = this.server.register("fast");
				ChatClient sender = this.server.register("sender")) {
			LineServer.joinAll(room, slow, fast, sender);
			IntFunction<String> roomLine = n -> "ROOM " + room + " " + sender.name() + " " + n + " " + PADDING;

			Semaphore window = new Semaphore(WINDOW);
			AtomicBoolean stop = new AtomicBoolean();
			CompletableFuture<Integer> sent = CompletableFuture.supplyAsync(() -> {
				try {
					int n = 0;
					while (!stop.get() && n < MAX_LINES) {
						if (!window.tryAcquire(10, TimeUnit.SECONDS)) {
							throw new IllegalStateException("the fast reader stopped reading at line " + n);
						}
						sender.send("/say " + room + " " + n + " " + PADDING);
						n++;
					}
					return n;
				}
				catch (IOException | InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
			}, executor);

			LineReader reader = new LineReader(fast.socket().getInputStream());
			String leave = "LEAVE " + room + " " + slow.name();
			int next = 0;
			int leftAt = -1;
			long maxGapNanos = 0;
			long last = System.nanoTime();
			while (leftAt < 0 || next < leftAt + 200) {
				String line = reader.readLine(Duration.ofSeconds(10));
				long now = System.nanoTime();
				maxGapNanos = Math.max(maxGapNanos, now - last);
				last = now;
				if (line.equals(leave)) {
					assertThat(leftAt).as("LEAVE told twice").isNegative();
					leftAt = next;
					continue;
				}
				assertThat(line).isEqualTo(roomLine.apply(next));
				next++;
				window.release();
				if (next == MAX_LINES) {
					fail("the slow member was not cut off after " + MAX_LINES + " lines of 1 KB");
				}
			}
			stop.set(true);
			window.release(WINDOW);
			int total = sent.get(10, TimeUnit.SECONDS);
			while (next < total) {
				assertThat(reader.readLine(Duration.ofSeconds(10))).isEqualTo(roomLine.apply(next));
				next++;
			}
			assertThat(Duration.ofNanos(maxGapNanos)).as("longest wait between two lines").isLessThan(MAX_WAIT);

			fast.send("/who " + room);
			assertThat(reader.readLine(Duration.ofSeconds(10)))
				.isEqualTo("WHO " + room + " " + fast.name() + " " + sender.name());
			sender.expect(leave);
			assertReceivedInOrderUntilCut(BulkRead.untilClosed(slow, CLOSE_WAIT), roomLine);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void aClientThatNeverReadsItsRepliesIsCutWithoutHoldingUpOthers() throws Exception {
		List<String> help = helpLines();
		String room = LineServer.uniqueName("stuck");
		try (ChatClient stuck = this.server.register("stuck"); ChatClient other = this.server.register("other")) {
			// a room, so that the others learn when the stuck client is gone
			LineServer.joinAll(room, stuck, other);
			// ten /help at a time (some 9 KB of replies), with a ping round trip of the other client between
			byte[] tenHelps = "/help\n".repeat(10).getBytes(StandardCharsets.US_ASCII);
			String leave = "LEAVE " + room + " " + stuck.name();
			long maxRoundTrip = 0;
			boolean stuckOpen = true;
			for (int ping = 0;; ping++) {
				assertThat(ping).as("pings before the stuck client was cut").isLessThan(50_000);
				if (stuckOpen) {
					try {
						stuck.sendRaw(tenHelps);
					}
					catch (IOException ex) {
						stuckOpen = false; // closed by the server: nothing more to send it
					}
				}
				long start = System.nanoTime();
				String line = other.send("/ping " + ping).readLine();
				if (line.equals(leave)) {
					other.expect("PONG " + ping);
					break;
				}
				assertThat(line).isEqualTo("PONG " + ping);
				maxRoundTrip = Math.max(maxRoundTrip, System.nanoTime() - start);
			}
			assertThat(Duration.ofNanos(maxRoundTrip)).as("longest ping round trip meanwhile").isLessThan(MAX_WAIT);
			other.send("/who " + room).expect("WHO " + room + " " + other.name());
			assertReceivedInOrderUntilCut(BulkRead.untilClosed(stuck, CLOSE_WAIT), i -> help.get(i % help.size()));
		}
	}

	/** The lines of one {@code /help}, as a client that reads them gets them. */
	private List<String> helpLines() throws IOException {
		try (ChatClient client = this.server.connect()) {
			client.send("/help").send("/ping end-of-help");
			List<String> lines = new ArrayList<>();
			for (String line = client.readLine(); !line.equals("PONG end-of-help"); line = client.readLine()) {
				lines.add(line);
			}
			return lines;
		}
	}

	/**
	 * What a client that was cut got from its first unread line on: a prefix of the lines it was due, whole and
	 * in order ({@code expected} gives the n-th), then {@code BYE send-queue-exceeded}. Unless the close grace ran
	 * out first: then the connection was closed with the last write unfinished, so no BYE, and maybe part of a
	 * line. The prefix may be empty: a client that floods requests can be cut before its writer wrote anything.
	 */
	private static void assertReceivedInOrderUntilCut(String received, IntFunction<String> expected) {
		String[] lines = received.split("\n", -1);
		int complete = lines.length - 1;
		String partial = lines[complete];
		if (complete > 0 && lines[complete - 1].equals("BYE send-queue-exceeded")) {
			complete--;
			assertThat(partial).as("after the BYE").isEmpty();
		}
		for (int i = 0; i < complete; i++) {
			assertThat(lines[i]).as("line %d", i).isEqualTo(expected.apply(i));
		}
		assertThat(expected.apply(complete)).as("the unfinished last line").startsWith(partial);
	}

	/** Buffered line reading for the bulk of a test; once used, the ChatClient must not read any more. */
	private static final class LineReader {

		private final BufferedInputStream in;

		private final ByteArrayOutputStream line = new ByteArrayOutputStream();

		LineReader(InputStream in) {
			this.in = new BufferedInputStream(in, 64 * 1024);
		}

		String readLine(Duration wait) throws IOException {
			long deadline = System.nanoTime() + wait.toNanos();
			this.line.reset();
			int b;
			while (true) {
				try {
					b = this.in.read();
				}
				catch (SocketTimeoutException ex) {
					if (System.nanoTime() > deadline) {
						return fail("no line within " + wait);
					}
					continue;
				}
				if (b == '\n') {
					return this.line.toString(StandardCharsets.UTF_8);
				}
				if (b < 0) {
					return fail("connection closed while a line was expected");
				}
				this.line.write(b);
			}
		}

	}

}
