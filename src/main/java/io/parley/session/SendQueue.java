package io.parley.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The outbound side of one session: a queue bounded in bytes, drained by a writer task of its own. Whoever
 * delivers to a session only enqueues, so a client that stops reading blocks nobody but its own writer;
 * once its queue passes the limit, {@link #offer} says so and the session is cut. The writer joins queued
 * lines into a few large writes, so a burst of lines costs a few system calls, not one per line.
 * <p>
 * While {@link SessionEndpoint} handles a frame and its transport has a further one already read, it
 * {@linkplain #holdDrains() holds back} the writers of the queues the frame fills, and {@linkplain
 * #releaseHeldDrains() starts} them at the last frame read, before any wait (a pause, a session's end): the
 * lines a burst of input causes then reach each client in one write, not one each, the way an IRC server's
 * event loop flushes its output before it waits for input. Lines offered by any other thread start their
 * writer at once, and so do lines to a queue whose writer is running anyway. The hold is the thread's, so
 * only this package holds and releases it: no caller elsewhere has to remember to release.
 * <p>
 * A long reply the server chose to send (a listing of every room) is queued as {@link ReplyPages}, not bytes:
 * the writer makes each page once it has written the one before, so the reply never counts against the limit
 * (which is for output the client did not read) and a client that stops reading holds one page of it. Longer
 * than the usual 300 lines for that: the paging shares the drain's loop and its accounting, and so does a write an
 * event loop has begun and not finished ({@link #written()}).
 */
public final class SendQueue {

	/** The queues whose writers this thread holds back while {@link HeldDrains#holding}. */
	private static final ThreadLocal<HeldDrains> heldDrains = ThreadLocal.withInitial(HeldDrains::new);

	private static final VarHandle QUEUED_BYTES;

	private static final VarHandle WRITTEN_CHUNKS;

	private static final VarHandle DRAINING;

	private static final VarHandle FINISHING;

	private static final VarHandle CLOSED;

	private static final VarHandle HELD;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			QUEUED_BYTES = lookup.findVarHandle(SendQueue.class, "queuedBytes", long.class);
			WRITTEN_CHUNKS = lookup.findVarHandle(SendQueue.class, "writtenChunks", long.class);
			DRAINING = lookup.findVarHandle(SendQueue.class, "draining", boolean.class);
			FINISHING = lookup.findVarHandle(SendQueue.class, "finishing", boolean.class);
			CLOSED = lookup.findVarHandle(SendQueue.class, "closed", boolean.class);
			HELD = lookup.findVarHandle(SendQueue.class, "held", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** Largest single write the drain builds from queued lines. */
	static final int MAX_BATCH_BYTES = 64 * 1024;

	/**
	 * A write's bytes count against the limit until the write returns, though the kernel may have taken most
	 * of them long before (a client reading slowly): so the drain joins at most a quarter of the limit into one
	 * write, which bounds that over-count to a quarter. Without it a small queue, drained into one write of all
	 * it holds, could cut a client while far less than the limit is still waiting for it.
	 */
	private static final int BATCHES_PER_LIMIT = 4;

	/** Up to this many chunks, the batch list is kept for the next write rather than made anew. */
	private static final int KEPT_BATCH_CHUNKS = 64;

	private final Queue<Chunk> chunks = new ConcurrentLinkedQueue<>();

	// The queue's counters and flags are fields of its own, set through VarHandles, not Atomic* objects: a room's
	// fan-out touches every member's queue, and each object of its own would be one more cache line per member
	// (and per session, one more object to keep).
	private volatile long queuedBytes;

	private volatile long writtenChunks;

	private volatile boolean draining;

	private volatile boolean finishing;

	private volatile boolean closed;

	/** Set while some thread handling lines holds back this queue's writer (and has it on its list). */
	private volatile boolean held;

	private final CountDownLatch closedLatch = new CountDownLatch(1);

	private final long limitBytes;

	private final long batchBytes;

	private final Executor writerExecutor;

	private final Writer writer;

	private final Runnable closer;

	private final Delivered onDelivered;

	private volatile Chunk lastChunk;

	/** Set by a {@link #finish} that drops what is queued; the writer then writes nothing but the last chunk. */
	private volatile boolean dropping;

	/** The write the transport is still doing; the drain waits for it ({@link #written()}). Drainer's only. */
	private volatile Begun begun;

	/** The chunks the next write joins, and their bytes; drainer's only, reused from write to write. */
	private ArrayList<Chunk> batch = new ArrayList<>();

	private int batchSize;

	/** A reply being written page by page, when a write of it had to wait. Drainer's only. */
	private ReplyPages pagesInProgress;

	/** Where the bytes go: the connection's write, done or begun ({@link Connection#writeWithoutBlocking}). */
	@FunctionalInterface
	interface Writer {

		/** True when all were written; false when the transport keeps some and will call {@link #written()}. */
		boolean write(byte[] bytes);

	}

	/** A write the transport has begun and not finished: counted as written once it has. */
	private record Begun(int size, int chunks, int messages, long oldestReceivedNanos, boolean last) {
	}

	/**
	 * @param writer writes bytes to the connection, blocking while the client does not read; throws when
	 * the connection is gone
	 * @param closer closes the connection
	 * @param onDelivered told of the messages in each write once it is written
	 */
	public SendQueue(long limitBytes, Executor writerExecutor, Consumer<byte[]> writer, Runnable closer,
			Delivered onDelivered) {
		this(limitBytes, writerExecutor, (Writer) bytes -> {
			writer.accept(bytes);
			return true;
		}, closer, onDelivered);
	}

	private SendQueue(long limitBytes, Executor writerExecutor, Writer writer, Runnable closer,
			Delivered onDelivered) {
		this.limitBytes = limitBytes;
		this.batchBytes = Math.max(1, Math.min(MAX_BATCH_BYTES, limitBytes / BATCHES_PER_LIMIT));
		this.writerExecutor = writerExecutor;
		this.writer = writer;
		this.closer = closer;
		this.onDelivered = onDelivered;
	}

	/**
	 * A session's queue to {@code connection}: drained on the connection's own executor when it has one (an
	 * event loop, writing without blocking), else on {@code writers}, one task at a time.
	 */
	static SendQueue to(Connection connection, long limitBytes, Executor writers, Delivered onDelivered) {
		Executor drains = connection.drainExecutor();
		SendQueue queue = new SendQueue(limitBytes, (drains != null) ? drains : writers,
				(Writer) connection::writeWithoutBlocking, connection::close, onDelivered);
		connection.whenWritten(queue::written);
		return queue;
	}

	/**
	 * What a reply produced page by page counts against the limit while it waits: the cursor and encoder it
	 * holds, not its pages. A client that keeps asking and never reads is still cut off in the end.
	 */
	static final int PENDING_PAGES_BYTES = 128;

	/**
	 * Queued bytes; {@code receivedNanos} is when the message they carry arrived, 0 for a reply. A reply made
	 * page by page has {@code pages}, and {@code bytes} stands for what it holds while it waits.
	 */
	private record Chunk(byte[] bytes, long receivedNanos, ReplyPages pages) {
		Chunk(byte[] bytes, long receivedNanos) {
			this(bytes, receivedNanos, null);
		}
	}

	private static final byte[] PENDING_PAGES = new byte[PENDING_PAGES_BYTES];

	/** Told once per write that carried messages (not only replies). */
	@FunctionalInterface
	public interface Delivered {

		/**
		 * @param messages how many messages the write carried
		 * @param oldestReceivedNanos when the oldest of them arrived ({@link System#nanoTime()})
		 */
		void written(int messages, long oldestReceivedNanos);

	}

	private static final class HeldDrains {

		private boolean holding;

		private final List<SendQueue> queues = new ArrayList<>();

	}

	/**
	 * From now until {@link #releaseHeldDrains()}, lines this thread offers wait for it to start their writers.
	 * For {@link SessionEndpoint} only, while it handles frames its transport has read already; it releases
	 * them before it waits for anything (more input, a pause, a session's end).
	 */
	static void holdDrains() {
		heldDrains.get().holding = true;
	}

	/** Starts the writers this thread held back, and stops holding. */
	static void releaseHeldDrains() {
		HeldDrains held = heldDrains.get();
		held.holding = false;
		if (held.queues.isEmpty()) {
			return;
		}
		for (SendQueue queue : held.queues) {
			queue.held = false;
			queue.scheduleDrain();
		}
		held.queues.clear();
	}

	/** How many bytes may wait for the client before the session is cut. */
	long limitBytes() {
		return this.limitBytes;
	}

	/**
	 * Queues bytes for the client. Returns false when they would take the queue past its limit: the caller
	 * then ends the session. Bytes offered after {@link #finish} are dropped: the session is closing.
	 * @param receivedNanos when the message arrived ({@link System#nanoTime()}), or 0 for a reply
	 */
	public boolean offer(byte[] bytes, long receivedNanos) {
		return offer(new Chunk(bytes, receivedNanos));
	}

	/**
	 * Queues a reply the server makes page by page as the client reads it (a listing of every room, say): its
	 * writer asks for a page only once it has written what came before, so however long the reply, it never
	 * takes the queue past its limit and never cuts the client off; while it is written, lines queued after it
	 * wait for it, in order. False only when the queue is full already, as for {@link #offer}.
	 */
	public boolean offerPages(ReplyPages pages) {
		return offer(new Chunk(PENDING_PAGES, 0, pages));
	}

	private boolean offer(Chunk chunk) {
		if (this.finishing) {
			return true;
		}
		byte[] bytes = chunk.bytes();
		if (addQueued(bytes.length) > this.limitBytes) {
			addQueued(-bytes.length);
			return false;
		}
		this.chunks.add(chunk);
		HeldDrains held = heldDrains.get();
		if (!held.holding) {
			scheduleDrain();
		}
		else if (HELD.compareAndSet(this, false, true)) {
			held.queues.add(this);
		}
		// else held by a thread already, whose release starts the writer
		return true;
	}

	/**
	 * Writes {@code last} after everything queued (or instead of it, with {@code dropPending}) and then
	 * closes the connection. Returns false if the session was already finishing.
	 */
	public boolean finish(byte[] last, boolean dropPending) {
		if (!FINISHING.compareAndSet(this, false, true)) {
			return false;
		}
		// the writer drops the queued chunks as it comes to them: clearing the queue here would race it while it
		// takes chunks for its next write, and leave holes in the middle of what the client gets
		this.dropping = dropPending;
		Chunk lastOne = new Chunk(last, 0);
		this.lastChunk = lastOne;
		this.chunks.add(lastOne);
		addQueued(last.length);
		scheduleDrain();
		return true;
	}

	/** Closes the connection now, written or not; for a client that does not read its last line. */
	public void closeNow() {
		if (CLOSED.compareAndSet(this, false, true)) {
			this.finishing = true;
			this.chunks.clear();
			try {
				this.closer.run();
			}
			finally {
				this.closedLatch.countDown();
			}
		}
	}

	/**
	 * {@link #closeNow} on a writer task, for timers: closing a TLS connection writes its close_notify and may
	 * wait for a client that does not read, and the sessions' one timer thread must not wait with it.
	 */
	public void closeSoon() {
		try {
			this.writerExecutor.execute(this::closeNow);
		}
		catch (RuntimeException ex) {
			closeNow();
		}
	}

	/** Waits until the connection is closed by this queue, at most {@code millis}. */
	public boolean awaitClosed(long millis) throws InterruptedException {
		return this.closedLatch.await(millis, TimeUnit.MILLISECONDS);
	}

	public boolean isClosed() {
		return this.closed;
	}

	public boolean isFinishing() {
		return this.finishing;
	}

	public long queuedBytes() {
		return this.queuedBytes;
	}

	/** Lines (or other chunks) written to the connection so far. */
	public long writtenChunks() {
		return this.writtenChunks;
	}

	/** Adds {@code delta} to the bytes queued and answers the new count. */
	private long addQueued(long delta) {
		return (long) QUEUED_BYTES.getAndAdd(this, delta) + delta;
	}

	private void scheduleDrain() {
		if (DRAINING.compareAndSet(this, false, true)) {
			try {
				this.writerExecutor.execute(this::drain);
			}
			catch (RuntimeException ex) {
				// no writer can be had: a session that cannot be written to cannot go on
				closeNow();
			}
		}
	}

	private void drain() {
		try {
			do {
				if (!writeQueued()) {
					return;
				}
				this.draining = false;
			}
			while (!this.chunks.isEmpty() && DRAINING.compareAndSet(this, false, true));
		}
		catch (RuntimeException ex) {
			// the connection is gone (reset, closed by a kick): nothing queued can reach it any more
			closeNow();
		}
	}

	/**
	 * The transport has written all of a write it had begun ({@link Connection#whenWritten}): it counts as written
	 * and the drain goes on, on the drain executor. Nothing happens when no write was waiting.
	 */
	void written() {
		Begun write = this.begun;
		if (write == null) {
			return;
		}
		this.begun = null;
		account(write);
		if (write.last()) {
			closeNow();
			return;
		}
		// the drain never stopped owning the queue (draining is still set): it simply goes on
		drain();
	}

	/**
	 * Writes until the queue is empty; false once the last chunk was written and the connection closed, or while
	 * the transport is still writing (it calls {@link #written()} to go on). What the client gets is always a
	 * prefix of what was queued, then the last chunk. Chunks are taken until the queue has none or a batch is full,
	 * then written at once: asking the queue whether more follow after each one cost a fan-out a tenth of its CPU.
	 */
	private boolean writeQueued() {
		if (this.pagesInProgress != null && !writePages()) {
			return false;
		}
		Chunk chunk;
		while ((chunk = this.chunks.poll()) != null) {
			boolean last = chunk == this.lastChunk;
			if (chunk.pages() != null) {
				addQueued(-chunk.bytes().length);
				this.pagesInProgress = chunk.pages();
				// the pages follow once the transport has written what came before them
				if (!writeBatch(false) || !writePages()) {
					return false;
				}
				continue;
			}
			if (this.dropping && !last) {
				addQueued(-chunk.bytes().length);
				continue;
			}
			this.batch.add(chunk);
			this.batchSize += chunk.bytes().length;
			if (last) {
				if (writeBatch(true)) {
					closeNow();
				}
				return false;
			}
			if (this.batchSize >= this.batchBytes && !writeBatch(false)) {
				return false;
			}
		}
		return writeBatch(false);
	}

	/** Writes the chunks gathered so far, if any, and empties the batch; false while the transport still writes. */
	private boolean writeBatch(boolean last) {
		if (this.batch.isEmpty()) {
			return true;
		}
		try {
			return write(this.batch, this.batchSize, last);
		}
		finally {
			// a burst's batch is not kept for good: a session holds a small list between bursts
			if (this.batch.size() > KEPT_BATCH_CHUNKS) {
				this.batch = new ArrayList<>();
			}
			else {
				this.batch.clear();
			}
			this.batchSize = 0;
		}
	}

	/**
	 * Writes the reply in progress page by page, joining pages into writes of up to a batch: the next page is made
	 * only once the write before it is done, so a slow reader holds one batch of the reply at a time. Stops when
	 * the session is dropping what it has queued; false while a write of it waits for the transport.
	 */
	private boolean writePages() {
		ReplyPages pages = this.pagesInProgress;
		List<Chunk> batch = new ArrayList<>();
		int size = 0;
		byte[] page;
		while (!this.dropping && (page = pages.next()) != null) {
			addQueued(page.length);
			batch.add(new Chunk(page, 0));
			size += page.length;
			if (size >= this.batchBytes) {
				boolean done = write(batch, size, false);
				batch.clear();
				size = 0;
				if (!done) {
					return false;
				}
			}
		}
		this.pagesInProgress = null;
		if (this.dropping) {
			addQueued(-size);
		}
		else if (!batch.isEmpty()) {
			return write(batch, size, false);
		}
		return true;
	}

	/**
	 * One write of the whole batch, then one word to the metrics for the messages in it; false when the transport
	 * is still writing it (counted once it has, {@link #written()}).
	 */
	private boolean write(List<Chunk> batch, int size, boolean last) {
		byte[] bytes;
		if (batch.size() == 1) {
			bytes = batch.get(0).bytes();
		}
		else {
			bytes = new byte[size];
			int at = 0;
			for (Chunk c : batch) {
				System.arraycopy(c.bytes(), 0, bytes, at, c.bytes().length);
				at += c.bytes().length;
			}
		}
		if (this.closed) {
			throw new IllegalStateException("closed");
		}
		int messages = 0;
		long oldest = 0;
		for (Chunk c : batch) {
			if (c.receivedNanos() != 0) {
				// nanoTime values are compared by their difference: they may wrap
				if (messages == 0 || c.receivedNanos() - oldest < 0) {
					oldest = c.receivedNanos();
				}
				messages++;
			}
		}
		Begun write = new Begun(size, batch.size(), messages, oldest, last);
		if (!this.writer.write(bytes)) {
			this.begun = write;
			return false;
		}
		account(write);
		return true;
	}

	private void account(Begun write) {
		addQueued(-write.size());
		WRITTEN_CHUNKS.getAndAdd(this, (long) write.chunks());
		if (write.messages() > 0) {
			this.onDelivered.written(write.messages(), write.oldestReceivedNanos());
		}
	}

}
