package io.parley.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A send queue against a writer the test controls: its byte limit while a write is held up (as by a client that
 * does not read), the size of its writes, and what a client that is cut gets.
 */
class SendQueueTest {

	private static final int LIMIT = 16 * 1024;

	private final ExecutorService writerThread = Executors.newSingleThreadExecutor();

	private final List<Integer> writes = new CopyOnWriteArrayList<>();

	private final CountDownLatch firstWriteStarted = new CountDownLatch(1);

	private final CountDownLatch firstWriteMayReturn = new CountDownLatch(1);

	private final SendQueue queue = new SendQueue(LIMIT, this.writerThread, this::write, () -> {
	}, (messages, oldestReceivedNanos) -> {
	});

	@AfterEach
	void stopWriter() {
		this.firstWriteMayReturn.countDown();
		this.writerThread.shutdownNow();
	}

	@Test
	void bytesCountAgainstTheLimitUntilTheirWriteReturns() throws Exception {
		offerWhileTheFirstWriteIsHeldUp(1024);
		assertThat(this.queue.offer(new byte[LIMIT - 1024], 0)).isTrue();
		assertThat(this.queue.offer(new byte[1], 0)).as("one byte past the limit").isFalse();

		this.firstWriteMayReturn.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.queue.queuedBytes() == 0);
		assertThat(this.queue.offer(new byte[LIMIT], 0)).isTrue();
	}

	@Test
	void noWriteJoinsMoreThanAQuarterOfTheLimit() throws Exception {
		// while the first write is held up, the queue fills to its limit in lines of 1 KB
		offerWhileTheFirstWriteIsHeldUp(1024);
		for (int i = 1; i < 16; i++) {
			assertThat(this.queue.offer(new byte[1024], 0)).isTrue();
		}
		this.firstWriteMayReturn.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.queue.writtenChunks() == 16);
		// a write of all 15 queued lines would count them all until it returned, though the kernel may hold
		// most of them by then: a client reading along would be cut with far less than 16 KB unread
		assertThat(this.writes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(LIMIT / 4));
		assertThat(this.writes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(16 * 1024);
	}

	@Test
	void aCutClientGetsAPrefixOfWhatItWasSentThenItsLastLine() throws Exception {
		// the cut races the writer, which is taking lines off the queue meanwhile: many rounds give it chances
		for (int round = 0; round < 200; round++) {
			ByteArrayOutputStream written = new ByteArrayOutputStream();
			SendQueue cut = new SendQueue(1024 * 1024, this.writerThread, written::writeBytes, () -> {
			}, (messages, oldestReceivedNanos) -> {
			});
			for (int line = 0; line < 1000; line++) {
				cut.offer((line + "\n").getBytes(StandardCharsets.US_ASCII), 0);
			}
			cut.finish("BYE\n".getBytes(StandardCharsets.US_ASCII), true);
			assertThat(cut.awaitClosed(5000)).as("closed after its last line").isTrue();

			List<String> lines = List.of(written.toString(StandardCharsets.US_ASCII).split("\n"));
			assertThat(lines).last().isEqualTo("BYE");
			for (int i = 0; i < lines.size() - 1; i++) {
				assertThat(lines.get(i)).as("round %d, line %d", round, i).isEqualTo(Integer.toString(i));
			}
		}
	}

	@Test
	void linesOfferedWhileDrainsAreHeldGoOutInOneWriteWhenReleased() throws Exception {
		ByteArrayOutputStream written = new ByteArrayOutputStream();
		List<Integer> writeSizes = new CopyOnWriteArrayList<>();
		List<long[]> delivered = new CopyOnWriteArrayList<>();
		SendQueue held = new SendQueue(LIMIT, this.writerThread, bytes -> {
			writeSizes.add(bytes.length);
			written.writeBytes(bytes);
		}, () -> {
		}, (messages, oldest) -> delivered.add(new long[] { messages, oldest }));
		SendQueue.holdDrains();
		try {
			for (int line = 0; line < 100; line++) {
				held.offer((line + "\n").getBytes(StandardCharsets.US_ASCII), 1000 + line);
			}
			await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1))
				.alias("nothing written while held")
				.until(writeSizes::isEmpty);
		}
		finally {
			SendQueue.releaseHeldDrains();
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> held.writtenChunks() == 100);
		assertThat(writeSizes).as("one write for the burst").hasSize(1);
		List<String> lines = List.of(written.toString(StandardCharsets.US_ASCII).split("\n"));
		assertThat(lines).hasSize(100);
		for (int i = 0; i < lines.size(); i++) {
			assertThat(lines.get(i)).isEqualTo(Integer.toString(i));
		}
		assertThat(delivered).singleElement().satisfies(d -> assertThat(d).containsExactly(100, 1000));
	}

	@Test
	void aHeldQueueIsStillDrainedWhenAnotherThreadOffersToIt() throws Exception {
		ByteArrayOutputStream written = new ByteArrayOutputStream();
		SendQueue shared = new SendQueue(LIMIT, this.writerThread, written::writeBytes, () -> {
		}, (messages, oldest) -> {
		});
		SendQueue.holdDrains();
		try {
			shared.offer("held\n".getBytes(StandardCharsets.US_ASCII), 0);
			Executors.newSingleThreadExecutor(r -> new Thread(r, "other"))
				.submit(() -> shared.offer("other\n".getBytes(StandardCharsets.US_ASCII), 0))
				.get(5, TimeUnit.SECONDS);
			// the other thread's line starts the writer, which takes everything queued, in order
			await().atMost(Duration.ofSeconds(5)).until(() -> shared.writtenChunks() == 2);
			assertThat(written.toString(StandardCharsets.US_ASCII)).isEqualTo("held\nother\n");
		}
		finally {
			SendQueue.releaseHeldDrains();
		}
	}

	@Test
	void theLastLineIsNotHeld() throws Exception {
		ByteArrayOutputStream written = new ByteArrayOutputStream();
		SendQueue ending = new SendQueue(LIMIT, this.writerThread, written::writeBytes, () -> {
		}, (messages, oldest) -> {
		});
		SendQueue.holdDrains();
		try {
			ending.offer("reply\n".getBytes(StandardCharsets.US_ASCII), 0);
			ending.finish("BYE\n".getBytes(StandardCharsets.US_ASCII), false);
			// a reader that ends its session waits for the last line: it must go without a release
			assertThat(ending.awaitClosed(5000)).isTrue();
			assertThat(written.toString(StandardCharsets.US_ASCII)).isEqualTo("reply\nBYE\n");
		}
		finally {
			SendQueue.releaseHeldDrains();
		}
	}

	/** Offers {@code bytes} and waits until the writer is in their write, which does not return until released. */
	private void offerWhileTheFirstWriteIsHeldUp(int bytes) throws InterruptedException {
		assertThat(this.queue.offer(new byte[bytes], 0)).isTrue();
		assertThat(this.firstWriteStarted.await(5, TimeUnit.SECONDS)).as("the writer started").isTrue();
	}

	private void write(byte[] bytes) {
		this.writes.add(bytes.length);
		this.firstWriteStarted.countDown();
		try {
			this.firstWriteMayReturn.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
