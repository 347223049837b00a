package io.parley.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A line-protocol client over a real socket, reading with timeouts so a missing reply fails the test
 * instead of hanging it.
 */
public class ChatClient implements Closeable {

	public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private String name;

	public ChatClient(String host, int port) throws IOException {
		this(new Socket(host, port));
	}

	/**
	 * A client connecting from {@code localAddress}: any of 127.0.0.0/8 on Linux, so a test can play several
	 * hosts against the server's per-address limits.
	 */
	public ChatClient(String host, int port, String localAddress) throws IOException {
		this(new Socket(InetAddress.getByName(host), port, InetAddress.getByName(localAddress), 0));
	}

	/** A client on a socket the caller connected, such as a TLS one ({@link TestKeyStore#connect}). */
	public ChatClient(Socket socket) throws IOException {
		this.socket = socket;
		this.socket.setTcpNoDelay(true);
		this.in = this.socket.getInputStream();
		this.out = this.socket.getOutputStream();
	}

	public String name() {
		return this.name;
	}

	public void name(String name) {
		this.name = name;
	}

	public Socket socket() {
		return this.socket;
	}

	/** Sends one line, LF-terminated. */
	public ChatClient send(String line) throws IOException {
		return sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
	}

	public ChatClient sendRaw(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
		return this;
	}

	/** The next line, waiting at most {@link #DEFAULT_WAIT}; fails on timeout or end of stream. */
	public String readLine() throws IOException {
		String line = readLine(DEFAULT_WAIT);
		if (line == null) {
			fail("connection closed while a line was expected");
		}
		return line;
	}


	/** Reads lines until one contains {@code text}, and returns it (the lines before it are skipped). */
	public String readUntilContaining(String text) throws IOException {
		String line;
		do {
			line = readLine();
		}
		while (!line.contains(text));
		return line;
	}
	/** The next line, null at end of stream; fails when none comes within {@code wait}. */
	public String readLine(Duration wait) throws IOException {
		this.socket.setSoTimeout((int) wait.toMillis());
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		try {
			int b;
			while ((b = this.in.read()) != '\n') {
				if (b < 0) {
					return (line.size() == 0) ? null : fail("connection closed mid-line: " + line);
				}
				line.write(b);
			}
		}
		catch (SocketTimeoutException ex) {
			fail("no line within " + wait + (line.size() > 0 ? " (partial: " + line + ")" : ""));
		}
		return line.toString(StandardCharsets.UTF_8);
	}

	public String expect(String line) throws IOException {
		String actual = readLine();
		assertThat(actual).isEqualTo(line);
		return actual;
	}

	public String expectPrefix(String prefix) throws IOException {
		String actual = readLine();
		assertThat(actual).startsWith(prefix);
		return actual;
	}

	/** Fails if a line arrives within {@code wait}. */
	public void expectNothing(Duration wait) throws IOException {
		this.socket.setSoTimeout((int) wait.toMillis());
		try {
			int b = this.in.read();
			if (b < 0) {
				fail("connection closed, expected it open and silent");
			}
			// the rest of the line, to say what came
			String rest = readLine();
			fail("unexpected line: " + (char) b + rest);
		}
		catch (SocketTimeoutException expected) {
			// silence, as expected
		}
	}

	/** Reads until the server closes the connection; fails if it does not within {@code wait}. */
	public void expectClosed(Duration wait) throws IOException {
		long deadline = System.nanoTime() + wait.toNanos();
		while (true) {
			long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
			if (System.nanoTime() > deadline) {
				fail("connection still open after " + wait);
			}
			this.socket.setSoTimeout((int) left);
			try {
				if (this.in.read() < 0) {
					return;
				}
			}
			catch (SocketTimeoutException ex) {
				fail("connection still open after " + wait);
			}
			catch (IOException ex) {
				return; // reset by the server counts as closed
			}
		}
	}

	/** Ends the connection with a TCP reset instead of a FIN, like a killed client on some systems. */
	public void reset() throws IOException {
		this.socket.setSoLinger(true, 0);
		this.socket.close();
	}

	/** Half-closes: no more lines from us, but we keep reading. */
	public void shutdownOutput() throws IOException {
		this.socket.shutdownOutput();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
