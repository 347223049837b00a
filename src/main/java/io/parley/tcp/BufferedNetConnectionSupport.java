package io.parley.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketOption;
import java.time.Duration;
import java.util.Set;

import jdk.net.ExtendedSocketOptions;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.SocketInfo;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

import io.parley.limits.LimitProperties;

/**
 * Creates NET connections whose input stream is buffered, the way the framework's own pushback support
 * wraps it (the stock {@code TcpNetConnection} hands the raw socket stream to the deserializer), and that a
 * session's writer can write to directly. Every accepted socket, plain or TLS, passes through here, so this is
 * also where it gets its TCP keep-alive intervals.
 */
final class BufferedNetConnectionSupport implements TcpNetConnectionSupport {

	private final int readBufferBytes;

	private final LimitProperties.KeepAlive keepAlive;

	BufferedNetConnectionSupport(int readBufferBytes, LimitProperties.KeepAlive keepAlive) {
		this.readBufferBytes = readBufferBytes;
		this.keepAlive = keepAlive;
	}

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher publisher, @Nullable String connectionFactoryName) {
		keepAlive(socket);
		return new BufferedNetConnection(socket, server, lookupHost, publisher, connectionFactoryName,
				this.readBufferBytes);
	}

	/**
	 * Probes a silent peer after the configured times instead of the system's (Linux waits two hours), where
	 * the platform lets Java set them (Linux, macOS, Windows 10 and later); elsewhere keep-alive alone.
	 */
	private void keepAlive(Socket socket) {
		try {
			socket.setKeepAlive(true);
			Set<SocketOption<?>> supported = socket.supportedOptions();
			if (supported.contains(ExtendedSocketOptions.TCP_KEEPIDLE)) {
				socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, seconds(this.keepAlive.after()));
				socket.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, seconds(this.keepAlive.interval()));
				socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, this.keepAlive.probes());
			}
		}
		catch (IOException ex) {
			// the client is already gone: its reader finds out at its first read
		}
	}

	private static int seconds(Duration duration) {
		return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toSeconds()));
	}

	/**
	 * A connection the session's writer writes to without a message per write: {@link #write} puts the bytes it
	 * is given (every line the send queue had, joined) on the socket in one system call. The framework's own
	 * {@code send} would wrap the socket in a {@code BufferedOutputStream} as large as the socket's send buffer
	 * (megabytes once the kernel has grown it) and copy each message through it; a write here copies nothing.
	 */
	static final class BufferedNetConnection extends TcpNetConnection {

		private final Socket socket;

		private final int bufferBytes;

		private final SocketInfo socketInfo;

		private volatile @Nullable EndAwareInputStream buffered;

		private @Nullable OutputStream out;

		private volatile @Nullable Runnable onReaderStart;

		BufferedNetConnection(Socket socket, boolean server, boolean lookupHost,
				@Nullable ApplicationEventPublisher publisher, @Nullable String factoryName, int bufferBytes) {
			super(socket, server, lookupHost, publisher, factoryName);
			this.socket = socket;
			this.bufferBytes = bufferBytes;
			this.socketInfo = new FixedLocalAddress(socket);
		}

		@Override
		protected InputStream inputStream() throws IOException {
			EndAwareInputStream stream = this.buffered;
			if (stream == null) {
				// only the connection's own reader thread gets here, so no race creates two buffers
				stream = new EndAwareInputStream(super.inputStream(), this.bufferBytes);
				this.buffered = stream;
			}
			return stream;
		}

		/**
		 * Writes {@code bytes} to the socket, blocking while the client does not read. Called by one writer at a
		 * time (the session's send queue has one); throws when the connection is gone.
		 */
		void write(byte[] bytes) {
			try {
				OutputStream stream = this.out;
				if (stream == null) {
					stream = this.socket.getOutputStream();
					this.out = stream;
				}
				stream.write(bytes);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/**
		 * {@code task} runs first on the connection's reader thread, before anything is read: where its session
		 * begins ({@link ChatListener#addNewConnection}), so that a connection no reader thread was free for
		 * never becomes one, and its session's first line is written once it has a reader.
		 */
		void onReaderStart(Runnable task) {
			this.onReaderStart = task;
		}

		@Override
		public void run() {
			Runnable start = this.onReaderStart;
			if (start != null) {
				start.run();
			}
			super.run();
		}

		/** Whether the reader has a whole further line buffered ({@link EndAwareInputStream#hasWholeLine}). */
		boolean hasBufferedLine() {
			EndAwareInputStream stream = this.buffered;
			return stream != null && stream.hasWholeLine();
		}

		/** The accepted socket, for what only it can tell (its options, in tests). */
		Socket socket() {
			return this.socket;
		}

		/** The inbound mapper asks for the local address on every line; it cannot change, so ask the socket once. */
		@Override
		public SocketInfo getSocketInfo() {
			return this.socketInfo;
		}

	}

	private static final class FixedLocalAddress extends SocketInfo {

		private final InetAddress localAddress;

		FixedLocalAddress(Socket socket) {
			super(socket);
			this.localAddress = socket.getLocalAddress();
		}

		@Override
		public InetAddress getLocalAddress() {
			return this.localAddress;
		}

	}

}
