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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.ChatClient;
import io.parley.support.ParleyTest;
import io.parley.support.LineServer;

/**
 * A member that stops reading in a busy room is cut off once its send queue (16 KB here) overflows, and
 * nobody else waits for it meanwhile.
 */
@ParleyTest(properties = "parley.tcp.send-queue-bytes=64KB")
class SlowReaderTest {

	/** Stops the test if the slow member is never cut: far more than kernel buffers and queue can hold. */
	private static final int MAX_LINES = 40_000;

	/** Lines the sender may be ahead of the fast reader: well within what the kernel buffers for it. */
	private static final int WINDOW = 32;

	/** The close grace is 2 s: a writer blocked on the slow client that held others up would show here. */
	private static final Duration MAX_GAP = Duration.ofMillis(1000);

	private static final String PADDING = "x".repeat(1000);

	@Autowired
	LineServer server;

	@Test
	void aMemberThatDoesNotReadIsCutOffWhileTheOthersKeepReceiving() throws Exception {
		String room = LineServer.uniqueName("busy");
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try (ChatClient slow = this.server.register("slow"); ChatClient fast = this.server.register("fast");
				ChatClient sender = this.server.register("sender")) {
			LineServer.joinAll(room, slow, fast, sender);

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
				assertThat(line).isEqualTo("ROOM " + room + " " + sender.name() + " " + next + " " + PADDING);
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
				assertThat(reader.readLine(Duration.ofSeconds(10)))
					.isEqualTo("ROOM " + room + " " + sender.name() + " " + next + " " + PADDING);
				next++;
			}
			System.out.printf("slow reader cut after %d lines; longest wait for a line %d ms%n", leftAt,
					TimeUnit.NANOSECONDS.toMillis(maxGapNanos));
			assertThat(Duration.ofNanos(maxGapNanos)).as("longest wait between two lines").isLessThan(MAX_GAP);

			fast.send("/who " + room);
			assertThat(reader.readLine(Duration.ofSeconds(10)))
				.isEqualTo("WHO " + room + " " + fast.name() + " " + sender.name());
			sender.expect(leave);
			assertClosedByServer(slow, Duration.ofSeconds(10));
		}
		finally {
			executor.shutdownNow();
		}
	}

	/** Reads whatever the kernel still holds for the slow client, in bulk, until the server's close shows. */
	private static void assertClosedByServer(ChatClient client, Duration wait) throws IOException {
		long deadline = System.nanoTime() + wait.toNanos();
		InputStream in = client.socket().getInputStream();
		byte[] buffer = new byte[256 * 1024];
		while (System.nanoTime() < deadline) {
			client.socket().setSoTimeout(1000);
			try {
				if (in.read(buffer) < 0) {
					return;
				}
			}
			catch (SocketTimeoutException ex) {
				// nothing for a second: keep waiting until the deadline
			}
			catch (IOException ex) {
				return; // reset by the server counts as closed
			}
		}
		fail("the slow client's connection is still open after " + wait);
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
