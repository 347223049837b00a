package io.parley.tcp;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;

import io.parley.session.Connection;

/**
 * The session port ({@link Connection}) over one of Spring Integration's NET connections, plain or TLS. Writes
 * go straight to the socket when the connection is one of ours ({@link BufferedNetConnectionSupport}), with
 * no message per write; through the listener's outbound adapter (addressed by {@code ip_connectionId})
 * otherwise. Reading is one thread per connection, so pausing it is that thread waiting.
 */
final class SocketConnection implements Connection {

	private final TcpConnection connection;

	private final BufferedNetConnectionSupport.BufferedNetConnection direct;

	private final MessageChannel outbound;

	private final boolean tls;

	private final String remoteAddress;

	private final CountDownLatch closed = new CountDownLatch(1);

	SocketConnection(TcpConnection connection, MessageChannel outbound, boolean tls) {
		this.connection = connection;
		this.direct = (connection instanceof BufferedNetConnectionSupport.BufferedNetConnection buffered) ? buffered
				: null;
		this.outbound = outbound;
		this.tls = tls;
		this.remoteAddress = connection.getHostAddress() + ":" + connection.getPort();
	}

	@Override
	public void write(byte[] bytes) {
		if (this.direct != null) {
			this.direct.write(bytes);
			return;
		}
		this.outbound.send(MessageBuilder.withPayload(bytes)
			.setHeader(IpHeaders.CONNECTION_ID, this.connection.getConnectionId())
			.build());
	}

	@Override
	public void close() {
		this.closed.countDown();
		this.connection.close();
	}

	@Override
	public String remoteAddress() {
		return this.remoteAddress;
	}

	@Override
	public boolean isSecure() {
		return this.tls;
	}

	/** The reader thread waits, reading nothing, until the time or until the connection is closed. */
	@Override
	public void pauseReadingUntil(long nanoTime) throws InterruptedException {
		long left;
		while ((left = nanoTime - System.nanoTime()) > 0 && this.closed.getCount() > 0) {
			this.closed.await(left, TimeUnit.NANOSECONDS);
		}
	}

	/** A whole further line in the connection's read buffer: the reader hands it over before it reads again. */
	@Override
	public boolean hasBufferedFrame() {
		return this.direct != null && this.direct.hasBufferedLine();
	}

}
