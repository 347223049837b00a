package io.parley.websocket;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import io.parley.session.InboundFrame;
import io.parley.session.SessionEndpoint;
import io.parley.system.LogText;

/**
 * The WebSocket transport's small handler between the container and the session feature, the counterpart of
 * the TCP listener: a connection opened is a session ({@link SessionEndpoint#open}), each part of a message goes
 * through the connection's framing ({@link FrameLines}) to {@link SessionEndpoint#frame}, and a close ends it.
 * The container hands one connection's messages over one at a time and in order, as the session feature needs.
 */
final class ChatWebSocketHandler extends AbstractWebSocketHandler {

	private static final Logger log = LoggerFactory.getLogger(ChatWebSocketHandler.class);

	/** The session attribute the handshake leaves: whether the page came over HTTPS (directly or via a proxy). */
	static final String SECURE = "parley.secure";

	private static final String LINES = "parley.lines";

	private static final String CONNECTION = "parley.connection";

	private final WebSocketDoor door;

	private final SessionEndpoint sessions;

	private final TaskScheduler timers;

	private final int maxLineBytes;

	private final Executor drains;

	private final Executor closers;

	/** How the connections' writes finish, counted. */
	private final WriteCounters writes;

	private final AtomicInteger open = new AtomicInteger();

	ChatWebSocketHandler(WebSocketDoor door, SessionEndpoint sessions, TaskScheduler timers, int maxLineBytes,
			Executor drains, Executor closers, WriteCounters writes) {
		this.door = door;
		this.writes = writes;
		this.sessions = sessions;
		this.timers = timers;
		this.maxLineBytes = maxLineBytes;
		this.drains = drains;
		this.closers = closers;
		sessions.serve(door.protocol());
	}

	/** Sessions open through the door now. */
	int openSessions() {
		return this.open.get();
	}

	WebSocketDoor door() {
		return this.door;
	}

	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		jakarta.websocket.Session container = ((NativeWebSocketSession) session)
			.getNativeSession(jakarta.websocket.Session.class);
		boolean binary = this.door.binarySubprotocol() != null
				&& this.door.binarySubprotocol().equals(session.getAcceptedProtocol());
		WebSocketConnection connection = new WebSocketConnection(session, container, binary,
				Boolean.TRUE.equals(session.getAttributes().get(SECURE)), address(session.getRemoteAddress()),
				this.timers, this.drains, this.closers, this.writes);
		session.getAttributes().put(LINES, new FrameLines(this.maxLineBytes));
		session.getAttributes().put(CONNECTION, connection);
		if (this.sessions.open(id(session), this.door.protocol(), connection, this.maxLineBytes)) {
			this.open.incrementAndGet();
		}
	}

	private static String address(InetSocketAddress address) {
		if (address == null) {
			return "unknown:0";
		}
		String host = (address.getAddress() != null) ? address.getAddress().getHostAddress() : address.getHostString();
		return host + ":" + address.getPort();
	}

	private static String id(WebSocketSession session) {
		return "ws-" + session.getId();
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		frames(session, ByteBuffer.wrap(message.getPayload().getBytes(StandardCharsets.UTF_8)), message.isLast());
	}

	/**
	 * A binary message is a line of bytes, whichever subprotocol was chosen: what TCP does with any bytes (invalid
	 * UTF-8 is read with replacement characters), so a client that sends binary where text is expected is
	 * answered as if it had sent those bytes over TCP.
	 */
	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
		frames(session, message.getPayload(), message.isLast());
	}

	private void frames(WebSocketSession session, ByteBuffer part, boolean last) {
		FrameLines lines = (FrameLines) session.getAttributes().get(LINES);
		String id = id(session);
		for (InboundFrame frame : lines.part(part, last)) {
			this.sessions.frame(id, frame);
		}
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable failure) {
		// a client gone mid-write, or a frame the container refused (invalid UTF-8 in text: it closes with 1007)
		log.debug("websocket {} failed: {}", id(session), LogText.escape(String.valueOf(failure)));
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		if (session.getAttributes().get(CONNECTION) instanceof WebSocketConnection connection) {
			connection.closedByContainer();
		}
		if (this.sessions.closed(id(session))) {
			this.open.decrementAndGet();
		}
	}

}
