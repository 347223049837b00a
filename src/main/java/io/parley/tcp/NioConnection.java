package io.parley.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.messaging.Message;

import io.parley.session.Connection;
import io.parley.session.InboundFrame;

/**
 * One client's connection on an {@link EventLoop}: a Spring Integration connection (its frames reach the
 * listener's inbound adapter, {@link #getListener()}, as messages the factory's mapper makes) and the session's
 * {@link Connection}. Plain text here; {@link TlsNioConnection} adds TLS between the socket and the framing.
 * <p>
 * <b>Threads.</b> Its socket is the loop's: reads, framing, writes and the close run there. The loop hands the
 * lines that never wait over itself ({@link #handFrames}: the session says which, {@link #handingOnIoThread});
 * the other frames go to a chat worker ({@link #run}), one batch at a time, so one connection's frames are handled
 * in order and never two at once, while the loop goes on with other connections (a login waits for its hash on a
 * worker, not on the loop). Up to {@link #MAX_WAITING_FRAMES} frames may wait for the worker; past that, and while
 * flood control pauses the client, the loop stops reading it and TCP holds the rest.
 * <p>
 * <b>Writes never block.</b> The session's send queue drains on the loop ({@link #drainExecutor}); a write the
 * socket cannot take whole keeps its rest here, the loop asks for {@code OP_WRITE}, and once it is written the
 * queue is told to go on ({@link #whenWritten}). So output waits in the session's bounded queue, never in a
 * thread blocked on a client that does not read.
 * <p>
 * <b>Memory.</b> Idle, it holds no buffer: partial lines, waiting frames and unwritten output exist only while
 * there is something in them (the read buffer is the loop's).
 * <p>
 * Longer than the usual 300 lines: reading, handing frames over and writing share this connection's state and
 * its lock, and split into objects of their own they would be three more objects per connection, idle or not.
 */
class NioConnection extends TcpConnectionSupport implements Connection {

	private static final Logger log = LoggerFactory.getLogger(NioConnection.class);

	/** Frames read and not yet handled past which the loop stops reading the client. */
	static final int MAX_WAITING_FRAMES = 64;

	/**
	 * Lines the loop handles in a row for one connection before the rest go to a worker, so a client that sends many
	 * at once does not keep the loop from its other connections.
	 */
	static final int MAX_FRAMES_ON_LOOP = 16;

	/** How long frames wait for a worker again when the workers' pool was at its ceiling. */
	private static final long WORKER_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	private static final InboundFrame END_OF_INPUT = new InboundFrame.EndOfInput();

	private final SocketChannel channel;

	final EventLoop loop;

	private final Executor workers;

	private final NioServerConnectionFactory factory;

	private final int maxLineBytes;

	private final int port;

	private final AtomicBoolean closing = new AtomicBoolean();

	// the loop's alone

	private @Nullable SelectionKey key;

	private @Nullable LineFramer framer;

	private @Nullable ByteBuffer unwritten;

	private boolean inputEnded;

	/** Set once the connection has its listener and its session ({@link #startReading}): no read before that. */
	private boolean reading;

	// shared between the loop and the worker, under this connection's lock

	private @Nullable ArrayDeque<InboundFrame> waiting;

	private boolean handling;

	private boolean readingHeld;

	/** Flood control's pause: no frames handed over before this {@link System#nanoTime()}; 0 for none. */
	private volatile long resumeAt;

	private volatile @Nullable Runnable whenWritten;

	/** The frame the worker is handing over: the mapper asks for it ({@link #getPayload}). */
	private @Nullable InboundFrame payload;

	/** Flood control paused the client while its frame was handed over: that frame goes again after the pause. */
	private boolean handAgain;

	/** The loop is handing a frame over ({@link #handFrames}): read by the session on the same thread. */
	private boolean handingOnLoop;

	/** The session gave the frame the loop handed over back ({@link #handOnWorker}). */
	private boolean toWorker;

	NioConnection(SocketChannel channel, EventLoop loop, Executor workers, NioServerConnectionFactory factory,
			int maxLineBytes, @Nullable ApplicationEventPublisher publisher) {
		super(channel.socket(), true, false, publisher, factory.getComponentName());
		this.channel = channel;
		this.loop = loop;
		this.workers = workers;
		this.factory = factory;
		this.maxLineBytes = maxLineBytes;
		this.port = channel.socket().getPort();
	}

	/** Tells the application of the new connection, as the framework's own connections do. */
	@Override
	protected void publishConnectionOpenEvent() {
		super.publishConnectionOpenEvent();
	}

	SocketChannel channel() {
		return this.channel;
	}

	/**
	 * On the loop, before anything else of this connection runs there (its session's greeting drains here), but
	 * not yet reading: a line read before the factory has given the connection its listener and its session would
	 * have nowhere to go.
	 */
	void register() {
		if (this.closing.get()) {
			return;
		}
		try {
			this.key = this.loop.register(this);
		}
		catch (IOException ex) {
			log.debug("connection {} gone before it was registered: {}", getConnectionId(), ex.toString());
			close();
		}
	}

	/** On the loop, once the connection has its listener and its session: reading begins. */
	void startReading() {
		this.reading = true;
		updateInterest();
	}

	// ---- reading (on the loop)

	/** The socket has bytes (or its end) to read. */
	void readable() {
		ByteBuffer buffer = this.loop.readBuffer();
		int read;
		try {
			read = this.channel.read(buffer);
		}
		catch (IOException ex) {
			// a reset: the ordinary end of a connection, not an error to log
			log.debug("connection {} ended: {}", getConnectionId(), ex.toString());
			close();
			return;
		}
		if (read < 0) {
			endOfInput();
		}
		else if (read > 0) {
			received(buffer.array(), 0, read);
		}
	}

	/** Bytes of the client's text: framed into lines, which go to the worker. TLS hands over what it decrypted. */
	void received(byte[] bytes, int from, int to) {
		LineFramer lines = (this.framer != null) ? this.framer : new LineFramer(this.maxLineBytes);
		lines.frame(bytes, from, to, this::waitingFrame);
		this.framer = lines.isIdle() ? null : lines;
		dispatch();
	}

	/**
	 * The client closed its side: the end is handed over after the lines before it, so they are answered and
	 * the session says {@code BYE end-of-input} before the connection closes. A partial last line is dropped.
	 */
	void endOfInput() {
		if (this.inputEnded) {
			return;
		}
		this.inputEnded = true;
		this.framer = null;
		waitingFrame(END_OF_INPUT);
		updateInterest();
		dispatch();
	}

	private void waitingFrame(InboundFrame frame) {
		synchronized (this) {
			if (this.waiting == null) {
				this.waiting = new ArrayDeque<>(4);
			}
			this.waiting.add(frame);
		}
	}

	/** Starts a worker for the frames waiting, unless one is at it or the client is paused. */
	private void dispatch() {
		boolean start = false;
		boolean hold = false;
		synchronized (this) {
			if (this.waiting != null && !this.waiting.isEmpty()) {
				if (!this.handling && !paused()) {
					this.handling = true;
					start = true;
				}
				if (this.waiting.size() >= MAX_WAITING_FRAMES && !this.readingHeld) {
					this.readingHeld = true;
					hold = true;
				}
			}
		}
		if (hold) {
			updateInterest();
		}
		if (start) {
			if (this.factory.handsLinesOnLoops() && this.loop.inLoop()) {
				handFrames(true);
			}
			else {
				startWorker();
			}
		}
	}

	private void startWorker() {
		try {
			this.workers.execute(this);
		}
		catch (RejectedExecutionException ex) {
			// the workers' pool is at its ceiling (counted and logged there): the frames wait, and so does the client
			this.loop.schedule(this::startWorker, System.nanoTime() + WORKER_RETRY_NANOS);
		}
	}

	private boolean paused() {
		long until = this.resumeAt;
		return until != 0 && until - System.nanoTime() > 0;
	}

	/** Interest in what the socket can do now: reading unless ended, paused or too far ahead; writing while output waits. */
	void updateInterest() {
		SelectionKey selectionKey = this.key;
		if (selectionKey == null || !selectionKey.isValid()) {
			return;
		}
		boolean read;
		synchronized (this) {
			read = this.reading && !this.inputEnded && !this.readingHeld && !paused();
		}
		int ops = (read ? SelectionKey.OP_READ : 0) | (hasUnwritten() ? SelectionKey.OP_WRITE : 0);
		if (selectionKey.interestOps() != ops) {
			selectionKey.interestOps(ops);
		}
	}

	// ---- handing frames over (on a chat worker)

	/**
	 * The worker's task: hands the waiting frames to the listener's inbound adapter one by one, until none is
	 * left or flood control pauses the client. Never two at once for one connection ({@code handling}).
	 */
	@Override
	public void run() {
		handFrames(false);
	}

	/**
	 * Hands the waiting frames over one by one, until none is left or flood control pauses the client. On the loop
	 * ({@code onLoop}) only lines the session handles without waiting ({@link #handingOnIoThread}), at most
	 * {@link #MAX_FRAMES_ON_LOOP} in a row: from the first other frame on, the rest go to a worker, in order.
	 */
	private void handFrames(boolean onLoop) {
		boolean readAgain = false;
		int handedOnLoop = 0;
		while (true) {
			InboundFrame frame;
			synchronized (this) {
				frame = paused() ? null : (this.waiting != null) ? this.waiting.poll() : null;
				if (frame == null) {
					if (this.waiting != null && this.waiting.isEmpty()) {
						this.waiting = null;
					}
					this.handling = false;
					readAgain = this.readingHeld;
					this.readingHeld = false;
					break;
				}
			}
			if (onLoop && (frame == END_OF_INPUT || handedOnLoop++ == MAX_FRAMES_ON_LOOP)) {
				handFirst(frame);
				startWorker(); // still handling: the worker goes on from this frame
				return;
			}
			this.handingOnLoop = onLoop;
			try {
				handOver(frame);
			}
			finally {
				this.handingOnLoop = false;
			}
			if (this.toWorker) {
				this.toWorker = false;
				handFirst(frame);
				startWorker();
				return;
			}
			if (this.handAgain) {
				this.handAgain = false;
				handFirst(frame);
				continue;
			}
			if (frame == END_OF_INPUT) {
				// its session has said goodbye by now (the end waits for that): the transport ends the connection
				close();
				return;
			}
		}
		if (readAgain) {
			this.loop.execute(this::updateInterest);
		}
	}

	/** {@code frame} goes back to the head of the waiting frames, to be handed over next. */
	private synchronized void handFirst(InboundFrame frame) {
		if (this.waiting == null) {
			this.waiting = new ArrayDeque<>(4);
		}
		this.waiting.addFirst(frame);
	}

	/** While the loop hands a frame over: the session handles it only if it never waits. */
	@Override
	public boolean handingOnIoThread() {
		return this.handingOnLoop;
	}

	/** The session gave the frame the loop handed over back: it and the ones after it go to a worker. */
	@Override
	public void handOnWorker() {
		this.toWorker = true;
	}

	private void handOver(InboundFrame frame) {
		TcpListener listener = getListener();
		if (listener == null) {
			return;
		}
		this.payload = frame;
		try {
			// the factory's mapper: the connection's own is set after its session has opened, and a quick client's
			// first line may be read by then
			Message<?> message = this.factory.getMapper().toMessage(this, null);
			if (message != null) {
				listener.onMessage(message);
			}
		}
		catch (RuntimeException ex) {
			log.error("Failed to hand a frame of connection {} over", getConnectionId(), ex);
		}
		finally {
			this.payload = null;
		}
	}

	@Override
	public @Nullable Object getPayload() {
		return this.payload;
	}

	// ---- the session's port

	/**
	 * Flood control's fake lag, from the thread handing a frame over: the loop reads nothing from the client until
	 * {@code nanoTime}, and that frame and the ones after it are handed over from then; returns at once.
	 */
	@Override
	public void pauseReadingUntil(long nanoTime) {
		this.resumeAt = nanoTime;
		this.handAgain = true;
		this.loop.execute(() -> {
			updateInterest();
			this.loop.schedule(this::resume, nanoTime);
		});
	}

	/** On the loop, when a pause may be over (a later pause may have moved it on). */
	private void resume() {
		long until = this.resumeAt;
		if (until != 0 && until - System.nanoTime() > 0) {
			this.loop.schedule(this::resume, until);
			return;
		}
		this.resumeAt = 0;
		updateInterest();
		dispatch();
	}

	@Override
	public boolean handsFrameAgainAfterPause() {
		return true;
	}

	/**
	 * A further frame the worker hands over next, with no read and no pause before it. Never on the loop: the lines
	 * it handles queue their writes as the loop's own tasks, which run after them anyway, and a frame after them may
	 * go to a worker, which would leave writes held on the loop's thread.
	 */
	@Override
	public boolean hasBufferedFrame() {
		if (this.handingOnLoop) {
			return false;
		}
		synchronized (this) {
			return this.waiting != null && !this.waiting.isEmpty() && !paused();
		}
	}

	@Override
	public Executor drainExecutor() {
		return this.loop;
	}

	@Override
	public void whenWritten(Runnable resume) {
		this.whenWritten = resume;
	}

	/** On the loop: writes what the socket takes now and keeps the rest for {@code OP_WRITE}. */
	@Override
	public boolean writeWithoutBlocking(byte[] bytes) {
		if (this.closing.get()) {
			throw new IllegalStateException("connection closed");
		}
		try {
			return writeText(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Writes the client's text; false when some of it waits for {@code OP_WRITE}. TLS encrypts it first. */
	boolean writeText(byte[] bytes) throws IOException {
		ByteBuffer out = ByteBuffer.wrap(bytes);
		if (this.unwritten != null) {
			this.unwritten = joined(this.unwritten, out);
			return false;
		}
		return writeOrKeep(out, false);
	}

	/**
	 * Writes {@code out} as far as the socket takes it; the rest is kept (copied out of it when {@code shared}, a
	 * buffer of the loop's) and {@code OP_WRITE} asked for.
	 */
	final boolean writeOrKeep(ByteBuffer out, boolean shared) throws IOException {
		this.channel.write(out);
		if (!out.hasRemaining()) {
			return true;
		}
		this.unwritten = shared ? ByteBuffer.allocate(out.remaining()).put(out).flip() : out;
		updateInterest();
		return false;
	}

	static ByteBuffer joined(ByteBuffer first, ByteBuffer second) {
		ByteBuffer both = ByteBuffer.allocate(first.remaining() + second.remaining());
		both.put(first).put(second).flip();
		return both;
	}

	boolean hasUnwritten() {
		return this.unwritten != null;
	}

	/** The socket takes more: what was kept is written, and once all is, the send queue goes on. */
	void writable() {
		try {
			boolean done = flush();
			updateInterest();
			if (done) {
				written();
			}
		}
		catch (IOException ex) {
			log.debug("connection {} ended while writing: {}", getConnectionId(), ex.toString());
			close();
		}
	}

	/** All the text the send queue wrote is written: it goes on (it knows whether it was waiting). */
	final void written() {
		Runnable resume = this.whenWritten;
		if (resume != null) {
			resume.run();
		}
	}

	/** Writes what was kept; true once nothing is. TLS goes on with its handshake and its held text. */
	boolean flush() throws IOException {
		ByteBuffer out = this.unwritten;
		if (out != null) {
			this.channel.write(out);
			if (out.hasRemaining()) {
				return false;
			}
			this.unwritten = null;
		}
		return true;
	}

	/** For the outbound adapter, the fallback way out: queued on the loop after whatever waits, unbounded. */
	@Override
	public void write(byte[] bytes) {
		this.loop.execute(() -> {
			try {
				if (!this.closing.get()) {
					writeText(bytes);
				}
			}
			catch (IOException ex) {
				close();
			}
		});
	}

	@Override
	public void send(Message<?> message) {
		if (message.getPayload() instanceof byte[] bytes) {
			write(bytes);
		}
		else {
			write(message.getPayload().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
	}

	@Override
	public String remoteAddress() {
		return getHostAddress() + ":" + this.port;
	}

	@Override
	public boolean isSecure() {
		return false;
	}

	// ---- closing

	@Override
	public boolean isOpen() {
		return !this.closing.get();
	}

	/**
	 * Closes the socket on the loop, from any thread, once; then the factory forgets the connection and its
	 * senders (the listener, which ends the session) hear of it on a worker, as ending a session reaches the chat
	 * core.
	 */
	@Override
	public void close() {
		if (!this.closing.compareAndSet(false, true)) {
			return;
		}
		this.loop.execute(this::closeOnLoop);
	}

	private void closeOnLoop() {
		SelectionKey selectionKey = this.key;
		if (selectionKey != null) {
			selectionKey.cancel();
		}
		try {
			beforeClose();
			this.channel.close();
		}
		catch (IOException | RuntimeException ex) {
			log.debug("closing connection {}: {}", getConnectionId(), ex.toString());
		}
		this.unwritten = null;
		this.framer = null;
		this.factory.removed(this);
		try {
			this.workers.execute(super::close);
		}
		catch (RejectedExecutionException ex) {
			super.close();
		}
	}

	/** What is said before the socket closes; TLS says {@code close_notify}. */
	void beforeClose() throws IOException {
	}

	@Override
	public int getPort() {
		return this.port;
	}

	@Override
	public @Nullable Object getDeserializerStateKey() {
		return null;
	}

	@Override
	public @Nullable SSLSession getSslSession() {
		return null;
	}

	@Override
	public void shutdownInput() throws IOException {
		this.channel.shutdownInput();
	}

	@Override
	public void shutdownOutput() throws IOException {
		this.channel.shutdownOutput();
	}

}
