package io.parley.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * Creates NET connections whose input stream is buffered, the way the framework's own pushback support
 * wraps it, and whose output is not. The stock {@code TcpNetConnection} hands the raw socket stream to the
 * deserializer, and writes through a {@code BufferedOutputStream} as large as the socket's send buffer:
 * on loopback the kernel reports about 2.5 MB there, so every session that was ever written to kept
 * megabytes of heap (out of memory at 3,000 clients). A session's writer already joins what is queued into
 * one array, so the buffer only cost a copy.
 */
final class BufferedNetConnectionSupport implements TcpNetConnectionSupport {

	private final int readBufferBytes;

	BufferedNetConnectionSupport(int readBufferBytes) {
		this.readBufferBytes = readBufferBytes;
	}

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher publisher, @Nullable String connectionFactoryName) {
		return new BufferedNetConnection(socket, server, lookupHost, publisher, connectionFactoryName,
				this.readBufferBytes);
	}

	private static final class BufferedNetConnection extends TcpNetConnection {

		private final int bufferBytes;

		private final Lock writeLock = new ReentrantLock();

		private final OutputStream output;

		private volatile @Nullable EndAwareInputStream buffered;

		BufferedNetConnection(Socket socket, boolean server, boolean lookupHost,
				@Nullable ApplicationEventPublisher publisher, @Nullable String factoryName, int bufferBytes) {
			super(socket, server, lookupHost, publisher, factoryName);
			this.bufferBytes = bufferBytes;
			try {
				this.output = socket.getOutputStream();
			}
			catch (IOException ex) {
				throw new MessagingException("Socket closed before its connection started", ex);
			}
		}

		/** As the framework's send, writing straight to the socket: one write per payload, no buffer kept. */
		@Override
		public void send(Message<?> message) {
			this.writeLock.lock();
			try {
				Object payload = getMapper().fromMessage(message);
				if (payload == null) {
					throw new IllegalStateException("Mapper mapped the message to null: " + message);
				}
				@SuppressWarnings("unchecked")
				Serializer<Object> serializer = (Serializer<Object>) getSerializer();
				serializer.serialize(payload, this.output);
			}
			catch (Exception ex) {
				MessagingException failure = new MessagingException(message, "Send Failed", ex);
				publishConnectionExceptionEvent(failure);
				closeConnection(true);
				throw failure;
			}
			finally {
				this.writeLock.unlock();
			}
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

	}

}
