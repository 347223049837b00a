package io.parley.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An IRC client over a real WebSocket (the JDK's client): each message received is one line, kept with whether
 * it came as text or binary; {@link #readLine} fails when a message holds a line end, since the IRCv3
 * WebSocket spec sends one line per message without it. A client made with {@code reading=false} never asks
 * for a message after the handshake, so the JDK stops reading its socket: a client that does not read.
 */
public final class WebSocketIrc implements AutoCloseable {

	/** One message received. */
	public record Received(String text, boolean binary) {
	}

	private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private final WebSocket socket;

	private final StringBuilder textParts = new StringBuilder();

	private final java.io.ByteArrayOutputStream binaryParts = new java.io.ByteArrayOutputStream();

	private WebSocketIrc(URI uri, List<String> subprotocols, Map<String, String> headers, boolean reading) {
		WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10));
		headers.forEach(builder::header);
		if (!subprotocols.isEmpty()) {
			builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
		}
		this.socket = builder.buildAsync(uri, new Listener(reading)).join();
	}

	/** Connects to {@code /irc} on the HTTP port, asking for {@code subprotocols} in order (none: none). */
	public static WebSocketIrc connect(int httpPort, String... subprotocols) {
		return new WebSocketIrc(uri(httpPort), List.of(subprotocols), Map.of(), true);
	}

	/** Connects with extra handshake headers ({@code Origin}, {@code X-Forwarded-For}). */
	public static WebSocketIrc connect(int httpPort, Map<String, String> headers, String... subprotocols) {
		return new WebSocketIrc(uri(httpPort), List.of(subprotocols), headers, true);
	}

	/** Connects and never reads a message after the first. */
	public static WebSocketIrc connectNotReading(int httpPort) {
		return new WebSocketIrc(uri(httpPort), List.of("text.ircv3.net"), Map.of(), false);
	}

	public static URI uri(int httpPort) {
		return URI.create("ws://localhost:" + httpPort + "/irc");
	}

	public String subprotocol() {
		return this.socket.getSubprotocol();
	}

	public WebSocketIrc send(String line) {
		this.socket.sendText(line, true).join();
		return this;
	}

	public WebSocketIrc sendBinary(byte[] bytes) {
		this.socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
		return this;
	}

	/** The next message, within 10 s. */
	public Received next() throws InterruptedException {
		Received message = this.received.poll(10, TimeUnit.SECONDS);
		assertThat(message).as("a message within 10 s").isNotNull();
		return message;
	}

	/** The next line, which must be a message of its own without a line end. */
	public String readLine() throws InterruptedException {
		String line = next().text();
		assertThat(line).as("one line per message, without CR LF").doesNotContain("\r", "\n");
		return line;
	}

	public String expect(String line) throws InterruptedException {
		String actual = readLine();
		assertThat(actual).isEqualTo(line);
		return actual;
	}

	/** Reads up to and including the first line whose command is {@code command}. */
	public List<String> readThrough(String command) throws InterruptedException {
		List<String> lines = new ArrayList<>();
		String line;
		do {
			line = readLine();
			lines.add(line);
		}
		while (!IrcSocket.command(line).equals(command));
		return lines;
	}

	/** Registers with SASL PLAIN over the socket, through the welcome. */
	public WebSocketIrc saslLogIn(String account, String password) throws InterruptedException {
		readLine(); // the greeting notice
		send("CAP LS 302").send("NICK " + account).send("USER " + account + " 0 * :" + account);
		readThrough("CAP");
		send("CAP REQ :sasl").readThrough("CAP");
		send("AUTHENTICATE PLAIN").expect("AUTHENTICATE +");
		send("AUTHENTICATE " + IrcSocket.plain(account, password));
		readThrough("903");
		send("CAP END");
		readThrough("001");
		String line;
		do {
			line = readLine();
		}
		while (!IrcSocket.command(line).equals("376") && !IrcSocket.command(line).equals("422"));
		return this;
	}

	/** The close code the server sent, within 10 s. */
	public int awaitClose() throws Exception {
		return this.closed.get(10, TimeUnit.SECONDS);
	}

	public boolean isClosed() {
		return this.closed.isDone();
	}

	@Override
	public void close() {
		this.socket.abort();
	}

	private final class Listener implements WebSocket.Listener {

		private final boolean reading;

		Listener(boolean reading) {
			this.reading = reading;
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			WebSocketIrc.this.textParts.append(data);
			if (last) {
				WebSocketIrc.this.received.add(new Received(WebSocketIrc.this.textParts.toString(), false));
				WebSocketIrc.this.textParts.setLength(0);
			}
			more(webSocket);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			WebSocketIrc.this.binaryParts.writeBytes(bytes);
			if (last) {
				WebSocketIrc.this.received.add(new Received(
						WebSocketIrc.this.binaryParts.toString(StandardCharsets.UTF_8), true));
				WebSocketIrc.this.binaryParts.reset();
			}
			more(webSocket);
			return null;
		}

		private void more(WebSocket webSocket) {
			if (this.reading) {
				webSocket.request(1);
			}
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			WebSocketIrc.this.closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			WebSocketIrc.this.closed.complete(-1);
		}

	}

}
