package io.parley.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/**
 * Creates NET connections whose input stream is buffered, the way the framework's own pushback support
 * wraps it. The stock {@code TcpNetConnection} hands the raw socket stream to the deserializer.
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

		private volatile @Nullable EndAwareInputStream buffered;

		BufferedNetConnection(Socket socket, boolean server, boolean lookupHost,
				@Nullable ApplicationEventPublisher publisher, @Nullable String factoryName, int bufferBytes) {
			super(socket, server, lookupHost, publisher, factoryName);
			this.bufferBytes = bufferBytes;
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
