package io.parley.websocket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.RemoteEndpoint;

import org.apache.tomcat.websocket.WsSession;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

import io.parley.session.Connection;

/**
 * The session port ({@link Connection}) over one WebSocket. A write carries the lines the session's queue
 * joined; each goes out as a frame of its own (IRCv3: one line per message, without its CR LF), text or binary
 * as the client chose, batched by the container into as few socket writes as fit its buffer. Reading is the
 * container's: flood control's pause suspends it (Tomcat's {@link WsSession#suspend}) and a timer resumes it,
 * so no thread waits; what the client sends meanwhile stays in the socket's buffers.
 */
final class WebSocketConnection implements Connection {

	private final WebSocketSession session;

	private final jakarta.websocket.Session container;

	private final boolean binary;

	private final boolean secure;

	private final String remoteAddress;

	private final TaskScheduler timers;

	private final CountDownLatch closed = new CountDownLatch(1);

	WebSocketConnection(WebSocketSession session, jakarta.websocket.Session container, boolean binary, boolean secure,
			String remoteAddress, TaskScheduler timers) {
		this.session = session;
		this.container = container;
		this.binary = binary;
		this.secure = secure;
		this.remoteAddress = remoteAddress;
		this.timers = timers;
	}

	@Override
	public void write(byte[] bytes) {
		RemoteEndpoint.Basic remote = this.container.getBasicRemote();
		try {
			remote.setBatchingAllowed(true);
			int start = 0;
			while (start < bytes.length) {
				int end = indexOf(bytes, (byte) '\n', start);
				int stop = (end > start && bytes[end - 1] == '\r') ? end - 1 : end;
				if (stop > start) {
					if (this.binary) {
						remote.sendBinary(ByteBuffer.wrap(bytes, start, stop - start));
					}
					else {
						remote.sendText(new String(bytes, start, stop - start, StandardCharsets.UTF_8));
					}
				}
				start = end + 1;
			}
			remote.flushBatch();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (IllegalStateException ex) {
			// the container's word for a session closed under the writer
			throw new UncheckedIOException(new IOException("websocket closed", ex));
		}
	}

	private static int indexOf(byte[] bytes, byte b, int from) {
		for (int i = from; i < bytes.length; i++) {
			if (bytes[i] == b) {
				return i;
			}
		}
		return bytes.length;
	}

	@Override
	public void close() {
		this.closed.countDown();
		try {
			this.session.close(CloseStatus.NORMAL);
		}
		catch (IOException | RuntimeException ex) {
			// gone already: the container reports the close, and the session feature is told then
		}
	}

	@Override
	public String remoteAddress() {
		return this.remoteAddress;
	}

	@Override
	public boolean isSecure() {
		return this.secure;
	}

	@Override
	public String transport() {
		return "websocket";
	}

	/**
	 * Tomcat stops reading the connection after the frame being handled and a timer starts it again at
	 * {@code nanoTime}, so the line in hand is handled now and the next one then, and no thread waits. On another
	 * container the handling thread waits instead, as a TCP reader does.
	 */
	private static void resume(WsSession tomcat) {
		try {
			if (tomcat.isOpen()) {
				tomcat.resume();
			}
		}
		catch (IllegalStateException ex) {
			// closed between the check and the resume: nothing left to read
		}
	}

	@Override
	public void pauseReadingUntil(long nanoTime) throws InterruptedException {
		long left = nanoTime - System.nanoTime();
		if (left <= 0) {
			return;
		}
		if (this.container instanceof WsSession tomcat) {
			tomcat.suspend();
			this.timers.schedule(() -> resume(tomcat), Instant.now().plusNanos(left));
			return;
		}
		while ((left = nanoTime - System.nanoTime()) > 0 && this.closed.getCount() > 0) {
			this.closed.await(left, TimeUnit.NANOSECONDS);
		}
	}

}
