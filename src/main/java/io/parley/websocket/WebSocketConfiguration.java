package io.parley.websocket;

import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

import io.parley.session.SessionEndpoint;
import io.parley.system.ParleyMetrics;

/**
 * The WebSocket door: Spring WebSocket on the HTTP server's container, at {@code parley.websocket.path}, for the
 * protocol that declared a {@link WebSocketDoor} (IRC). The subprotocol is the client's first of the door's
 * ({@code text.ircv3.net}, {@code binary.ircv3.net}); a client asking for none gets text. Browsers' pages are
 * let in from the server's own origin and from {@code parley.websocket.allowed-origins} (Spring's origin check,
 * which answers 403 to others). Behind a TLS-terminating proxy the handshake's scheme, host and client address
 * are the forwarded ones when {@code server.forward-headers-strategy} says to trust them (README.md).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@ConditionalOnProperty(name = "parley.websocket.enabled", havingValue = "true", matchIfMissing = true)
class WebSocketConfiguration implements WebSocketConfigurer, DisposableBean {

	private final WebSocketProperties properties;

	private final ChatWebSocketHandler handler;

	/**
	 * Where every WebSocket session's send queue drains: one thread per core, as the TCP transport has one event
	 * loop per core, since a drain never waits (it copies lines into the container's buffer and starts a flush that
	 * finishes on its own). A thread per session, or per write, was what made a WebSocket delivery cost many times
	 * a TCP one (issue 19, docs/benchmarks.md).
	 */
	private final ThreadPoolExecutor drains;

	WebSocketConfiguration(WebSocketProperties properties, ObjectProvider<WebSocketDoor> doors,
			SessionEndpoint sessions, @Qualifier("sessionTimers") TaskScheduler timers,
			@Qualifier("sessionWriterExecutor") TaskExecutor writers, ParleyMetrics metrics) {
		this.properties = properties;
		int threads = Runtime.getRuntime().availableProcessors();
		CustomizableThreadFactory named = new CustomizableThreadFactory("parley-ws-send-");
		named.setDaemon(true);
		this.drains = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), named);
		WebSocketDoor door = doors.getIfUnique();
		WriteCounters writes = new WriteCounters(metrics.webSocketWrites("at-once"), metrics.webSocketWrites("later"),
				metrics.webSocketWrites("abandoned"));
		this.handler = (door != null) ? new ChatWebSocketHandler(door, sessions, timers, properties.maxLineBytes(),
				this.drains, writers, writes) : null;
		if (this.handler != null) {
			metrics.webSocketSessions(this.handler, ChatWebSocketHandler::openSessions);
		}
	}

	@Override
	public void destroy() {
		this.drains.shutdown();
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		if (this.handler == null) {
			return; // no protocol declared a door (IRC is off)
		}
		DefaultHandshakeHandler handshake = new DefaultHandshakeHandler();
		handshake.setSupportedProtocols(this.handler.door().subprotocols().toArray(String[]::new));
		registry.addHandler(this.handler, this.properties.path())
			.setHandshakeHandler(handshake)
			.addInterceptors(new SecureFlag())
			.setAllowedOriginPatterns(this.properties.allowedOrigins().toArray(String[]::new));
	}

	/** The {@code websocket} health component (the bean's name is the component's). */
	@Bean
	WebSocketHealthIndicator websocket() {
		return new WebSocketHealthIndicator(this.handler, this.properties.path());
	}

	/**
	 * The container's message buffers: the parts the handler gets ({@link FrameLines}) are at most this long, so
	 * a frame of any length costs the server no more than its buffer and the line limit.
	 */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(8192);
		container.setMaxBinaryMessageBufferSize(8192);
		return container;
	}

	/** Leaves whether the handshake came over HTTPS (or a proxy said so, when trusted) for the session. */
	private static final class SecureFlag implements HandshakeInterceptor {

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
				WebSocketHandler wsHandler, Map<String, Object> attributes) {
			if (request instanceof ServletServerHttpRequest servlet) {
				attributes.put(ChatWebSocketHandler.SECURE, servlet.getServletRequest().isSecure());
			}
			return true;
		}

		@Override
		public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
				Exception exception) {
		}

	}

}
