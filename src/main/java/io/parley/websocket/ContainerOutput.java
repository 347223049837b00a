package io.parley.websocket;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import org.apache.tomcat.util.net.SocketWrapperBase;
import org.apache.tomcat.util.net.SocketWrapperBase.BlockingMode;
import org.apache.tomcat.util.net.SocketWrapperBase.CompletionState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's output of one WebSocket, written without waiting for the client, a whole batch of frames at once. The
 * Jakarta API cannot do that: each message goes through Tomcat's machinery of its own (a text message is decoded to a
 * {@code String} here and encoded again there), and the only ways to write a batch of them are a flush that blocks
 * its thread until the client has taken the bytes ({@link RemoteEndpoint#flushBatch()}) or a system call and a task on
 * the container's executor per message. Tomcat itself can write bytes without blocking: its endpoint's
 * {@code doWrite} with no deadline writes what the socket takes and calls the handler, on the container's executor,
 * once all is written; the endpoint's {@code messagePartInProgress} semaphore is what keeps any other frame of
 * Tomcat's (a pong, a close) from being written in the middle, and {@code endMessage} releases it. So
 * {@link #write} frames a batch of lines itself (RFC 6455, a server's frames are not masked) and hands the bytes to
 * {@code doWrite} while it holds the semaphore: one copy, one system call and one completion per batch, as TCP
 * costs one copy and one system call. {@code doWrite} hands every completion to the container's executor, even of a
 * write the socket took at once (a wake-up of another thread per batch, the largest cost left over TCP), so where
 * the connector's socket writes asynchronously (NIO, Tomcat's default) {@link #write} starts the socket's own
 * non-blocking write instead, as {@code doWrite} does, and its completion comes on the writing thread when the socket
 * took it all, on the container's executor only when the rest had to wait for the client (the socket is the
 * endpoint's {@code socketWrapper}; its {@code write} is Tomcat's public connector API). Those members are private to
 * Tomcat's package: they are looked up here once, by reflection. When Tomcat is writing a frame of its own just then,
 * {@link #write} answers false and the batch goes through the Jakarta API (batched into Tomcat's buffer, then flushed without blocking by {@link #flush}).
 * <p>
 * Why reach in: issue 19's target, a WebSocket delivery within 1.5x of a TCP one (docs/benchmarks.md), is out of
 * reach of the public API on Tomcat (a thread blocked per slow client, or a system call and a hand-off per line).
 * Frames written here are never compressed, whatever extension was negotiated (RFC 7692 lets a sender leave any
 * message uncompressed). If a Tomcat release changes these members, {@link #of} answers null, the server says so
 * once, and {@link FrameSender} sends each line as a message of its own through the Jakarta API (correct, slower);
 * {@code ContainerOutputTest} fails the build on the Tomcat the server ships with.
 */
final class ContainerOutput {

	private static final Logger log = LoggerFactory.getLogger(ContainerOutput.class);

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

	/** {@code WsRemoteEndpointImplBase.messagePartInProgress}: held while a frame is written. */
	private static final MethodHandle WRITING;

	/**
	 * {@code WsRemoteEndpointImplBase.doWrite}: since Tomcat 11.0.26 or so {@code (SendHandler, boolean block, long
	 * expiry, ByteBuffer...)}, where not blocking and no expiry is {@code false, Long.MAX_VALUE}; before,
	 * {@code (SendHandler, long expiry, ByteBuffer...)}, where {@code -1} meant not blocking. Both are taken, made to
	 * look like the newer one.
	 */
	private static final MethodHandle DO_WRITE;

	/** {@code WsRemoteEndpointImplBase.endMessage(SendHandler, SendResult)}: releases the semaphore, then tells. */
	private static final MethodHandle END_MESSAGE;

	/**
	 * {@code WsRemoteEndpointImplServer.socketWrapper}: the connector's socket, or null when not found (the batch then
	 * goes through {@code doWrite}, whose completion always costs a task on Tomcat's executor).
	 */
	private static final MethodHandle SOCKET;

	static {
		MethodHandle endpoint = null;
		MethodHandle batching = null;
		MethodHandle startMessage = null;
		MethodHandle writing = null;
		MethodHandle doWrite = null;
		MethodHandle endMessage = null;
		MethodHandle socket = null;
		try {
			Class<?> remoteBase = Class.forName("org.apache.tomcat.websocket.WsRemoteEndpointBase");
			Class<?> implBase = Class.forName("org.apache.tomcat.websocket.WsRemoteEndpointImplBase");
			MethodHandles.Lookup own = MethodHandles.lookup();
			MethodHandles.Lookup tomcat = MethodHandles.privateLookupIn(implBase, own);
			endpoint = MethodHandles.privateLookupIn(remoteBase, own).findGetter(remoteBase, "base", implBase);
			batching = tomcat.findGetter(implBase, "batchingAllowed", AtomicBoolean.class);
			startMessage = tomcat.findVirtual(implBase, "startMessage",
					MethodType.methodType(void.class, byte.class, ByteBuffer.class, boolean.class, SendHandler.class));
			writing = tomcat.findGetter(implBase, "messagePartInProgress", Semaphore.class);
			doWrite = doWrite(tomcat, implBase);
			endMessage = tomcat.findVirtual(implBase, "endMessage",
					MethodType.methodType(void.class, SendHandler.class, SendResult.class));
			socket = socketGetter(own);
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			// endMessage is looked up last: without it, available() is false, whatever else was found
			log.info("WebSocket output is sent a frame per write: this Tomcat has no non-blocking write of a batch ({})",
					ex.toString());
		}
		ENDPOINT = endpoint;
		BATCHING = batching;
		START_MESSAGE = startMessage;
		WRITING = writing;
		DO_WRITE = doWrite;
		END_MESSAGE = endMessage;
		SOCKET = socket;
	}

	private static MethodHandle socketGetter(MethodHandles.Lookup own) {
		try {
			Class<?> server = Class.forName("org.apache.tomcat.websocket.server.WsRemoteEndpointImplServer");
			return MethodHandles.privateLookupIn(server, own)
				.findGetter(server, "socketWrapper", SocketWrapperBase.class);
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			log.info("WebSocket writes are finished on Tomcat's executor: its endpoint's socket was not found ({})",
					ex.toString());
			return null;
		}
	}

	private static MethodHandle doWrite(MethodHandles.Lookup tomcat, Class<?> implBase)
			throws ReflectiveOperationException {
		try {
			return tomcat.findVirtual(implBase, "doWrite",
					MethodType.methodType(void.class, SendHandler.class, boolean.class, long.class, ByteBuffer[].class));
		}
		catch (NoSuchMethodException ex) {
			MethodHandle older = tomcat.findVirtual(implBase, "doWrite",
					MethodType.methodType(void.class, SendHandler.class, long.class, ByteBuffer[].class));
			// (endpoint, handler, block, expiry, buffers) -> (endpoint, handler, -1, buffers): never asked to block
			MethodHandle nonBlocking = MethodHandles.insertArguments(older, 2, -1L);
			return MethodHandles.dropArguments(nonBlocking, 2, boolean.class, long.class);
		}
	}

	private final Object endpoint;

	private final AtomicBoolean batching;

	private final Semaphore writing;

	/** The connection's socket when it writes asynchronously (NIO, NIO2), else null: see {@link #write}. */
	private final SocketWrapperBase<?> socket;

	private final Session session;

	/**
	 * The {@code done} of the batch the socket is writing, until it is told: by the socket ({@link #socketWritten}),
	 * or by {@link #abandon} when the connection closed first. Taken once, so the semaphore is released once: Tomcat's
	 * close tells only a write it started itself ({@code doWrite} keeps its handler; the socket's write does not).
	 */
	private final AtomicReference<SendHandler> pending = new AtomicReference<>();

	/** Told by the socket of each write it was given. */
	private final CompletionHandler<Long, SendHandler> socketWritten = new CompletionHandler<>() {

		@Override
		public void completed(Long bytes, SendHandler attachment) {
			finish(new SendResult(ContainerOutput.this.session));
		}

		@Override
		public void failed(Throwable failure, SendHandler attachment) {
			finish(new SendResult(ContainerOutput.this.session, failure));
		}

	};

	private ContainerOutput(Object endpoint, AtomicBoolean batching, Semaphore writing, SocketWrapperBase<?> socket,
			Session session) {
		this.endpoint = endpoint;
		this.batching = batching;
		this.writing = writing;
		this.socket = socket;
		this.session = session;
	}

	/** Whether frames can be written in batches without blocking in this container. */
	static boolean available() {
		return END_MESSAGE != null;
	}

	/** Whether a batch the client's socket takes at once is finished on the writing thread, without a hand-off. */
	static boolean finishesInline() {
		return available() && SOCKET != null;
	}

	/**
	 * The output of {@code session}'s connection ({@code remote} is its asynchronous remote), or null when it cannot
	 * be flushed without blocking.
	 */
	static ContainerOutput of(RemoteEndpoint.Async remote, Session session) {
		if (!available() || !ENDPOINT.type().parameterType(0).isInstance(remote)) {
			return null;
		}
		try {
			Object endpoint = ENDPOINT.invoke(remote);
			SocketWrapperBase<?> socket = null;
			if (SOCKET != null && SOCKET.type().parameterType(0).isInstance(endpoint)) {
				socket = (SocketWrapperBase<?>) SOCKET.invoke(endpoint);
			}
			return new ContainerOutput(endpoint, (AtomicBoolean) BATCHING.invoke(endpoint),
					(Semaphore) WRITING.invoke(endpoint), (socket != null && socket.hasAsyncIO()) ? socket : null,
					session);
		}
		catch (Throwable ex) {
			log.debug("no batching for this WebSocket: {}", ex.toString());
			return null;
		}
	}

	/**
	 * Starts writing {@code frames} (whole WebSocket frames) as the client's socket takes them; {@code done} is told
	 * once all are written, or of the failure: on this thread, before this returns, when the socket took them at
	 * once, else on the container's executor; {@code expiry} is when the container gives up
	 * ({@link System#currentTimeMillis()}), {@link Long#MAX_VALUE} for never. False, and nothing written, when Tomcat
	 * is writing a frame of its own just now (or its socket is). Throws {@link IllegalStateException} when the
	 * connection is gone.
	 */
	boolean write(ByteBuffer frames, long expiry, SendHandler done) {
		if (!this.writing.tryAcquire()) {
			return false;
		}
		boolean bySocket = this.socket != null && expiry == Long.MAX_VALUE;
		try {
			if (bySocket) {
				this.pending.set(done);
				// what doWrite does without blocking, less its hand-off: the socket's asynchronous write, with the
				// connection's write timeout (-1) as doWrite gives it, tells socketWritten on this thread when the
				// socket took it all at once, else on Tomcat's executor once the poller saw the rest go
				CompletionState state = this.socket.write(BlockingMode.NON_BLOCK, -1, TimeUnit.MILLISECONDS, done,
						SocketWrapperBase.COMPLETE_WRITE_WITH_COMPLETION, this.socketWritten, frames);
				if (state == CompletionState.NOT_DONE && this.pending.getAndSet(null) != null) {
					// another write of the socket's own is in progress (none should be: Tomcat writes under the
					// semaphore held here): nothing was written, so the batch goes the API's way
					ended(null, null);
					return false;
				}
				return true;
			}
			DO_WRITE.invoke(this.endpoint, (SendHandler) result -> ended(done, result), false, expiry,
					new ByteBuffer[] { frames });
			return true;
		}
		catch (Throwable ex) {
			// by the socket, the write may have been told already (what threw came after, from its done): the
			// semaphore is released only if it was not
			if (!bySocket || this.pending.getAndSet(null) != null) {
				ended(null, null);
			}
			throw (ex instanceof IllegalStateException state) ? state : new IllegalStateException(ex);
		}
	}

	/** The socket's word on the batch it was writing, passed on to its {@code done} unless told already. */
	private void finish(SendResult result) {
		SendHandler done = this.pending.getAndSet(null);
		if (done != null) {
			ended(done, result);
		}
	}

	/**
	 * The connection closed: a batch the socket was still writing (to a client that did not read) fails now, as
	 * Tomcat's close fails a write of its own, so its sender stops waiting and its bytes are let go. True when there
	 * was one.
	 */
	boolean abandon() {
		SendHandler done = this.pending.getAndSet(null);
		if (done == null) {
			return false;
		}
		try {
			ended(done, new SendResult(this.session, new EOFException("the connection closed during a write")));
		}
		catch (RuntimeException ex) {
			// the endpoint is closed: its semaphore and its handler no longer matter
			log.debug("abandoning a write: {}", ex.toString());
		}
		return true;
	}

	/** Lets Tomcat write its own frames again, then tells {@code done}. */
	private void ended(SendHandler done, SendResult result) {
		try {
			END_MESSAGE.invoke(this.endpoint, done, result);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
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
