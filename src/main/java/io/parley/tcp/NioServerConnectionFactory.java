package io.parley.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jdk.net.ExtendedSocketOptions;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import io.parley.limits.LimitProperties;

/**
 * A listener's server connection factory on Java NIO, for Spring Integration's TCP adapters: the inbound adapter
 * registers on it as every connection's listener and gets each frame as a message, the outbound adapter as a
 * sender, exactly as with the framework's own factories. Ours because the framework's NIO connection writes on
 * the sending thread and blocks it until the client has taken every byte; here a session's send queue drains
 * on its connection's {@link EventLoop} and never blocks (docs/architecture.md, "Transport").
 * <p>
 * The factory's one thread ({@code parley-accept-N}) accepts; each accepted socket gets its TCP options
 * and the next event loop in turn, and is a {@link NioConnection} (or {@link TlsNioConnection}) from then on.
 */
final class NioServerConnectionFactory extends AbstractServerConnectionFactory {

	private static final Logger log = LoggerFactory.getLogger(NioServerConnectionFactory.class);

	/** How long the accept loop rests after a failed accept (no file descriptor left), so it does not spin. */
	private static final long ACCEPT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private final EventLoops loops;

	private final Executor workers;

	private final int maxLineBytes;

	private final LimitProperties.KeepAlive keepAlive;

	private final @Nullable ServerTls tls;

	private volatile @Nullable ServerSocketChannel server;

	private volatile int boundPort = -1;

	private volatile boolean handsLinesOnLoops = true;

	NioServerConnectionFactory(int port, EventLoops loops, Executor workers, int maxLineBytes,
			LimitProperties.KeepAlive keepAlive, @Nullable ServerTls tls) {
		super(port);
		this.loops = loops;
		this.workers = workers;
		this.maxLineBytes = maxLineBytes;
		this.keepAlive = keepAlive;
		this.tls = tls;
	}

	/**
	 * Whether the event loops handle a line themselves when its session says it never waits
	 * ({@code parley.threads.lines-on-loops}); else every line goes to a chat worker.
	 */
	void setHandsLinesOnLoops(boolean handsLinesOnLoops) {
		this.handsLinesOnLoops = handsLinesOnLoops;
	}

	boolean handsLinesOnLoops() {
		return this.handsLinesOnLoops;
	}

	/** The port bound, once listening (the one asked for may be 0: any free one). */
	@Override
	public int getPort() {
		int bound = this.boundPort;
		return (bound >= 0) ? bound : super.getPort();
	}

	@Override
	public void run() {
		try (ServerSocketChannel channel = ServerSocketChannel.open()) {
			this.server = channel;
			channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			String host = getLocalAddress();
			channel.bind((host == null || host.isBlank()) ? new InetSocketAddress(super.getPort())
					: new InetSocketAddress(host, super.getPort()), getBacklog());
			this.boundPort = channel.socket().getLocalPort();
			setListening(true);
			publishServerListeningEvent(this.boundPort);
			while (isActive()) {
				accept(channel);
			}
		}
		catch (IOException ex) {
			if (isActive()) {
				log.error("Listener {} stopped: {}", getComponentName(), ex.toString());
				publishServerExceptionEvent(ex);
			}
		}
		finally {
			setListening(false);
			this.server = null;
		}
	}

	private void accept(ServerSocketChannel server) throws ClosedChannelException {
		SocketChannel channel;
		try {
			channel = server.accept();
		}
		catch (ClosedChannelException ex) {
			throw ex;
		}
		catch (IOException ex) {
			// no file descriptor left, say: the connections already open go on, and so does accepting, after a rest
			log.warn("Listener {} could not accept a connection: {}", getComponentName(), ex.toString());
			LockSupport.parkNanos(ACCEPT_PAUSE_NANOS);
			return;
		}
		try {
			channel.configureBlocking(false);
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			keepAlive(channel);
		}
		catch (IOException ex) {
			log.debug("connection gone before it was set up: {}", ex.toString());
			close(channel);
			return;
		}
		EventLoop loop = this.loops.next();
		NioConnection connection = (this.tls != null)
				? new TlsNioConnection(channel, loop, this.workers, this, this.maxLineBytes,
						getApplicationEventPublisher(), this.tls.newEngine())
				: new NioConnection(channel, loop, this.workers, this, this.maxLineBytes,
						getApplicationEventPublisher());
		// registered on its loop before its session can queue a line there, and read only once it has a listener
		// and a session: a quick client's first line read earlier was dropped (a login-timeout under a connect storm)
		loop.execute(connection::register);
		initializeConnection(connection, channel.socket());
		addConnection(connection);
		connection.publishConnectionOpenEvent();
		loop.execute(connection::startReading);
	}

	/**
	 * Probes a silent peer after the configured times instead of the system's (Linux waits two hours), where the
	 * platform lets Java set them (Linux, macOS, Windows 10 and later); elsewhere keep-alive alone.
	 */
	private void keepAlive(SocketChannel channel) throws IOException {
		channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
		Set<SocketOption<?>> supported = channel.supportedOptions();
		if (supported.contains(ExtendedSocketOptions.TCP_KEEPIDLE)) {
			channel.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, seconds(this.keepAlive.after()));
			channel.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, seconds(this.keepAlive.interval()));
			channel.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, this.keepAlive.probes());
		}
	}

	private static int seconds(Duration duration) {
		return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toSeconds()));
	}

	private static void close(SocketChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/** A connection closed: forgotten here (its senders hear of it from the connection). */
	void removed(NioConnection connection) {
		this.connectionsMonitor.lock();
		try {
			this.connections.remove(connection.getConnectionId());
		}
		finally {
			this.connectionsMonitor.unlock();
		}
	}

	/** Stops accepting, then closes every connection (the framework's stop). */
	@Override
	public void stop() {
		setActive(false);
		ServerSocketChannel channel = this.server;
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				log.debug("closing listener {}: {}", getComponentName(), ex.toString());
			}
		}
		super.stop();
	}

}
