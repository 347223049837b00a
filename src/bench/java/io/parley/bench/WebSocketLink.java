package io.parley.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A {@link Client} that talks IRC over Parley's WebSocket door ({@code /irc}, subprotocol {@code text.ircv3.net}: one
 * line per text frame, no line end) with the JDK's own {@code java.net.http.WebSocket}, so the scenarios written for
 * TCP run over WebSocket unchanged. The JDK allows one send in flight per socket, so sends are chained.
 */
final class WebSocketLink implements WebSocket.Listener {

	/** One HTTP client for every WebSocket: one selector thread, and listeners run on as many threads as cores. */
	static final class Clients implements AutoCloseable {

		private final ExecutorService executor = Executors
			.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
				Thread t = new Thread(r, "bench-ws");
				t.setDaemon(true);
				return t;
			});

		private final HttpClient http = HttpClient.newBuilder().executor(this.executor).build();

		@Override
		public void close() {
			this.executor.shutdownNow();
		}

	}

	private final Client client;

	private final StringBuilder partial = new StringBuilder();

	private CompletableFuture<WebSocket> tail;

	private volatile WebSocket socket;

	private boolean closedReported;

	private WebSocketLink(Client client) {
		this.client = client;
	}

	/** Opens the WebSocket of {@code client} (blocking, as {@link Client#connect} does). */
	static WebSocketLink open(Clients clients, URI uri, Client client) throws IOException {
		WebSocketLink link = new WebSocketLink(client);
		try {
			WebSocket ws = clients.http.newWebSocketBuilder()
				.subprotocols("text.ircv3.net")
				.connectTimeout(Duration.ofSeconds(30))
				.buildAsync(uri, link)
				.join();
			link.socket = ws;
			synchronized (link) {
				link.tail = CompletableFuture.completedFuture(ws);
			}
			return link;
		}
		catch (CompletionException ex) {
			throw new IOException("WebSocket to " + uri + " failed: " + ex.getCause(), ex.getCause());
		}
	}

	synchronized void send(String line) {
		this.tail = this.tail.thenCompose(ws -> ws.sendText(line, true)).exceptionally(ex -> {
			abort();
			return this.socket;
		});
	}

	void abort() {
		WebSocket ws = this.socket;
		if (ws != null) {
			ws.abort();
		}
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(1);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			String text = this.partial.toString();
			this.partial.setLength(0);
			int start = 0;
			// one line a frame, by the specification; split anyway, so a server that packs lines is read right
			while (start < text.length()) {
				int end = text.indexOf('\n', start);
				int next = (end < 0) ? text.length() : end + 1;
				int stop = (end < 0) ? text.length() : end;
				if (stop > start && text.charAt(stop - 1) == '\r') {
					stop--;
				}
				if (stop > start) {
					this.client.received(text.substring(start, stop));
				}
				start = next;
			}
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		closed();
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		closed();
	}

	private void closed() {
		synchronized (this) {
			if (this.closedReported) {
				return;
			}
			this.closedReported = true;
		}
		this.client.remoteClosed();
	}

}
