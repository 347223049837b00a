package io.parley.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * One simulated user: a non-blocking socket read by one of the {@link EventLoops} threads, split into lines
 * for its {@link Handler}. Any thread may {@link #send} (a sender's next message goes out from the thread
 * that saw the previous one arrive); a write the socket cannot take at once waits for OP_WRITE. A client made by
 * {@link #overWebSocket} talks through a {@link WebSocketLink} instead (IRC over Parley's {@code /irc} door).
 */
final class Client {

	interface Handler {

		void line(Client client, String line);

		default void closed(Client client) {
		}

		/** Everything sent so far has gone to the socket: a flooding sender may send more. */
		default void drained(Client client) {
		}

	}

	final int index;

	final String name;

	final Dialect dialect;

	private final SocketChannel channel;

	private final EventLoops.Loop loop;

	private volatile Handler handler;

	/** The WebSocket this client talks through, or null for a TCP client. */
	private WebSocketLink link;

	private volatile SelectionKey key;

	private ByteBuffer in = ByteBuffer.allocate(2048);

	private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();

	private volatile boolean closed;

	/** Scenario state kept on the client, touched only by its loop thread unless said otherwise. */
	long counter;

	volatile long startedNanos;

	private Client(int index, String name, Dialect dialect, SocketChannel channel, EventLoops.Loop loop,
			Handler handler) {
		this.index = index;
		this.name = name;
		this.dialect = dialect;
		this.channel = channel;
		this.loop = loop;
		this.handler = handler;
	}

	/**
	 * Source addresses a loopback client connects from, in turn: the kernel picks a local port per source
	 * address (32768-60999 here, about 28,000), so tens of thousands of clients, and the ports closed ones
	 * leave behind, never run out. Every 127.x.y.z is the loopback interface on Linux.
	 */
	private static final int LOOPBACK_SOURCES = 8;

	static Client connect(InetSocketAddress address, int index, String name, Dialect dialect, EventLoops loops,
			Handler handler) throws IOException {
		SocketChannel channel = SocketChannel.open();
		try {
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			if (address.getAddress().isLoopbackAddress()) {
				channel.bind(new InetSocketAddress("127.0.0." + (1 + Math.floorMod(index, LOOPBACK_SOURCES)), 0));
			}
			channel.connect(address);
			channel.configureBlocking(false);
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
		Client client = new Client(index, name, dialect, channel, loops.next(), handler);
		client.loop.register(client);
		return client;
	}

	/** A client over the WebSocket at {@code uri} (no line ends: one line a frame). */
	static Client overWebSocket(WebSocketLink.Clients clients, URI uri, int index, String name, Dialect dialect,
			Handler handler) throws IOException {
		Client client = new Client(index, name, dialect, null, null, handler);
		client.link = WebSocketLink.open(clients, uri, client);
		return client;
	}

	/** A line that came over the WebSocket. */
	void received(String line) {
		this.handler.line(this, line);
	}

	/** The WebSocket was closed by the server, or failed. */
	void remoteClosed() {
		boolean wasClosed = this.closed;
		this.closed = true;
		if (!wasClosed) {
			this.handler.closed(this);
		}
	}

	void handler(Handler handler) {
		this.handler = handler;
	}

	boolean isClosed() {
		return this.closed;
	}

	/** Whether everything sent so far has gone to the socket (nothing waits for OP_WRITE). */
	synchronized boolean isDrained() {
		return this.pending.isEmpty();
	}

	void send(String line) {
		if (this.link != null) {
			if (!this.closed) {
				this.link.send(line);
			}
			return;
		}
		ByteBuffer bytes = ByteBuffer.wrap((line + this.dialect.lineEnd()).getBytes(StandardCharsets.UTF_8));
		synchronized (this) {
			if (this.closed) {
				return;
			}
			try {
				if (this.pending.isEmpty()) {
					this.channel.write(bytes);
					if (!bytes.hasRemaining()) {
						return;
					}
				}
				this.pending.add(bytes);
				SelectionKey k = this.key;
				if (k != null && k.isValid()) {
					k.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
					k.selector().wakeup();
				}
			}
			catch (IOException ex) {
				closeQuietly();
			}
		}
	}

	/** Closes with a reset (SO_LINGER 0): no TIME_WAIT, so tens of thousands of connections do not run out of ports. */
	void close() {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
		}
		if (this.link != null) {
			this.link.abort();
			return;
		}
		try {
			this.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
		}
		catch (IOException | RuntimeException ex) {
			// closing anyway
		}
		closeQuietly();
	}

	private void closeQuietly() {
		this.closed = true;
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// nothing to do
		}
	}

	// --- called by the loop thread ---

	void registered(SelectionKey key) {
		this.key = key;
		synchronized (this) {
			if (!this.pending.isEmpty()) {
				key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
			}
		}
	}

	void writable() {
		synchronized (this) {
			try {
				while (!this.pending.isEmpty()) {
					ByteBuffer head = this.pending.peek();
					this.channel.write(head);
					if (head.hasRemaining()) {
						return;
					}
					this.pending.poll();
				}
				this.key.interestOps(SelectionKey.OP_READ);
			}
			catch (IOException ex) {
				closeQuietly();
				return;
			}
		}
		this.handler.drained(this);
	}

	void readable() {
		int n;
		try {
			n = this.channel.read(this.in);
		}
		catch (IOException ex) {
			n = -1;
		}
		if (n < 0) {
			boolean wasClosed = this.closed;
			closeQuietly();
			if (!wasClosed) {
				this.handler.closed(this);
			}
			return;
		}
		byte[] array = this.in.array();
		int end = this.in.position();
		int start = 0;
		for (int i = 0; i < end; i++) {
			if (array[i] == '\n') {
				int length = i - start;
				if (length > 0 && array[i - 1] == '\r') {
					length--;
				}
				this.handler.line(this, new String(array, start, length, StandardCharsets.UTF_8));
				start = i + 1;
			}
		}
		if (start > 0) {
			System.arraycopy(array, start, array, 0, end - start);
			this.in.position(end - start);
		}
		else if (end == array.length) {
			this.in = ByteBuffer.wrap(Arrays.copyOf(array, array.length * 2)).position(end);
		}
	}

	SocketChannel channel() {
		return this.channel;
	}

}
