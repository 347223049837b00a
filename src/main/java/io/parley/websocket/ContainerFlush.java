package io.parley.websocket;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's batching of a WebSocket's frames, switched off and flushed without waiting. The Jakarta API cannot do
 * either: with batching allowed, {@link RemoteEndpoint.Async#sendText(String, SendHandler)} copies a frame into the
 * connection's output buffer and reports it done at once, but the only flush is {@link RemoteEndpoint#flushBatch()},
 * and turning batching off flushes too, both blocking their thread until the client has taken the bytes; without
 * batching every frame is a system call of its own and its completion a task on the container's executor. Tomcat
 * itself can do both: its endpoint's {@code startMessage} with its internal flush opcode writes the buffer as the
 * socket takes it and calls the handler when all is written (its blocking flush does that and waits), and its
 * batching flag is an {@link AtomicBoolean}. Both are private to Tomcat's package, so they are looked up here once,
 * by reflection.
 * <p>
 * Why reach in: one flush per batch of lines is what makes a WebSocket's output cost about what a TCP session's
 * does (issue 19's benchmark: docs/benchmarks.md); the public ways cost a thread blocked per slow client or a
 * system call and a hand-off per line. Batching is switched off again before each flush, so that while a client does
 * not read, Tomcat's own close (which flushes what is batched, blocking, when batching is on) has nothing to wait
 * for. If a Tomcat release changes them, {@link #of} answers null, the server says so once, and {@link FrameSender}
 * sends each frame unbatched (correct, slower); {@code ContainerFlushTest} fails the build on the Tomcat it ships
 * with.
 */
final class ContainerFlush {

	private static final Logger log = LoggerFactory.getLogger(ContainerFlush.class);

	/** {@code org.apache.tomcat.websocket.Constants.INTERNAL_OPCODE_FLUSH}. */
	private static final byte FLUSH_OPCODE = 0x18;

	/** The size of Tomcat's output buffer for a connection ({@code Constants.DEFAULT_BUFFER_SIZE}). */
	static final int BUFFER_BYTES = Integer.getInteger("org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE", 8 * 1024);

	/** {@code WsRemoteEndpointBase.base}: the endpoint behind the Jakarta remote. */
	private static final MethodHandle ENDPOINT;

	/** {@code WsRemoteEndpointImplBase.batchingAllowed}. */
	private static final MethodHandle BATCHING;

	/** {@code WsRemoteEndpointImplBase.startMessage(byte, ByteBuffer, boolean, SendHandler)}. */
	private static final MethodHandle START_MESSAGE;

	static {
		MethodHandle endpoint = null;
		MethodHandle batching = null;
		MethodHandle startMessage = null;
		try {
			Class<?> remoteBase = Class.forName("org.apache.tomcat.websocket.WsRemoteEndpointBase");
			Class<?> implBase = Class.forName("org.apache.tomcat.websocket.WsRemoteEndpointImplBase");
			MethodHandles.Lookup own = MethodHandles.lookup();
			MethodHandles.Lookup tomcat = MethodHandles.privateLookupIn(implBase, own);
			endpoint = MethodHandles.privateLookupIn(remoteBase, own).findGetter(remoteBase, "base", implBase);
			batching = tomcat.findGetter(implBase, "batchingAllowed", AtomicBoolean.class);
			startMessage = tomcat.findVirtual(implBase, "startMessage",
					MethodType.methodType(void.class, byte.class, ByteBuffer.class, boolean.class, SendHandler.class));
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			log.info("WebSocket output is sent a frame per write: this Tomcat has no flush without blocking ({})",
					ex.toString());
			endpoint = null;
			batching = null;
			startMessage = null;
		}
		ENDPOINT = endpoint;
		BATCHING = batching;
		START_MESSAGE = startMessage;
	}

	private final Object endpoint;

	private final AtomicBoolean batching;

	private ContainerFlush(Object endpoint, AtomicBoolean batching) {
		this.endpoint = endpoint;
		this.batching = batching;
	}

	/** Whether batched frames can be flushed without blocking in this container. */
	static boolean available() {
		return START_MESSAGE != null;
	}

	/** The batching of {@code remote}'s connection, or null when it cannot be flushed without blocking. */
	static ContainerFlush of(RemoteEndpoint.Async remote) {
		if (!available() || !ENDPOINT.type().parameterType(0).isInstance(remote)) {
			return null;
		}
		try {
			Object endpoint = ENDPOINT.invoke(remote);
			return new ContainerFlush(endpoint, (AtomicBoolean) BATCHING.invoke(endpoint));
		}
		catch (Throwable ex) {
			log.debug("no batching for this WebSocket: {}", ex.toString());
			return null;
		}
	}

	/** Lets the next frames into the output buffer (on) or straight to the socket (off); never flushes. */
	void allow(boolean batched) {
		this.batching.set(batched);
	}

	/**
	 * Starts writing what is batched; {@code done} is told once the client's socket has taken it all, or of the
	 * failure. Throws {@link IllegalStateException} when the endpoint is closed, as a send does.
	 */
	void flush(SendHandler done) {
		try {
			START_MESSAGE.invoke(this.endpoint, FLUSH_OPCODE, (ByteBuffer) null, true, done);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

}
