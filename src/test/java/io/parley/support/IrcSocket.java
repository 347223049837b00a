package io.parley.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * An IRC client written by hand over a real socket: sends CRLF lines and reads them one by one, failing when a
 * server line does not end in CRLF, so a test sees exactly what the server wrote.
 */
public class IrcSocket implements Closeable {

	private final ChatClient socket;

	private String nick;

	public IrcSocket(int port) throws IOException {
		this.socket = new ChatClient("localhost", port);
	}

	public String nick() {
		return this.nick;
	}

	public IrcSocket send(String line) throws IOException {
		return send(List.of(line));
	}

	/** Sends bytes as they are: a line that is not UTF-8, say. */
	public IrcSocket sendRaw(byte[] bytes) throws IOException {
		this.socket.sendRaw(bytes);
		return this;
	}

	/** Sends the lines in one write, so the server gets them as one burst. */
	public IrcSocket send(List<String> lines) throws IOException {
		StringBuilder out = new StringBuilder();
		lines.forEach(line -> out.append(line).append("\r\n"));
		this.socket.sendRaw(out.toString().getBytes(StandardCharsets.UTF_8));
		return this;
	}

	/** The next line without its CRLF; fails when it ends otherwise, or none comes in time. */
	public String readLine() throws IOException {
		String line = this.socket.readLine();
		assertThat(line).as("IRC lines end in CR LF").endsWith("\r");
		return line.substring(0, line.length() - 1);
	}

	public String expect(String line) throws IOException {
		String actual = readLine();
		assertThat(actual).isEqualTo(line);
		return actual;
	}

	/** The next line, which must be the server's {@code numeric} (or other command) to this client. */
	public String expectNumeric(String numeric) throws IOException {
		String actual = readLine();
		assertThat(command(actual)).as(actual).isEqualTo(numeric);
		return actual;
	}

	/** Reads up to and including the first line whose command is {@code command}; returns every line read. */
	public List<String> readThrough(String command) throws IOException {
		List<String> lines = new ArrayList<>();
		String line;
		do {
			line = readLine();
			lines.add(line);
		}
		while (!command(line).equals(command));
		return lines;
	}

	/** Reads past the welcome burst: through the end of the MOTD, or its 422. */
	public List<String> readWelcome() throws IOException {
		List<String> lines = new ArrayList<>();
		String line;
		do {
			line = readLine();
			lines.add(line);
			assertThat(command(line)).as(line).isNotIn("ERROR", "464", "465", "433", "904");
		}
		while (!command(line).equals("376") && !command(line).equals("422"));
		return lines;
	}

	/** Registers with {@code PASS}, reading through the welcome. */
	public IrcSocket logIn(String nick, String password) throws IOException {
		send("PASS " + password).send("NICK " + nick).send("USER " + nick + " 0 * :" + nick);
		readWelcome();
		this.nick = nick;
		return this;
	}

	/** Registers with SASL PLAIN, checking each step, reading through the welcome. */
	public IrcSocket saslLogIn(String nick, String account, String password) throws IOException {
		send("CAP LS 302").send("NICK " + nick).send("USER " + nick + " 0 * :" + nick);
		expectNumeric("CAP");
		send("CAP REQ :sasl").expect(":parley CAP " + nick + " ACK :sasl");
		send("AUTHENTICATE PLAIN").expect("AUTHENTICATE +");
		send("AUTHENTICATE " + plain(account, password));
		expect(":parley 900 " + nick + " " + account + "!" + account + "@parley " + account
				+ " :You are now logged in as " + account);
		expect(":parley 903 " + nick + " :SASL authentication successful");
		send("CAP END");
		readWelcome();
		this.nick = account;
		return this;
	}

	/** The SASL PLAIN payload: no authorisation identity, then the account and its password. */
	public static String plain(String account, String password) {
		return Base64.getEncoder()
			.encodeToString(("\0" + account + "\0" + password).getBytes(StandardCharsets.UTF_8));
	}

	/** The command or numeric of a server line, after its tags and source. */
	public static String command(String line) {
		String[] words = line.split(" ");
		int i = 0;
		if (words[i].startsWith("@")) {
			i++;
		}
		if (words[i].startsWith(":")) {
			i++;
		}
		return words[i];
	}

	/** The line without its {@code @tags}. */
	public static String untagged(String line) {
		return line.startsWith("@") ? line.substring(line.indexOf(' ') + 1) : line;
	}

	public void expectNothing(Duration wait) throws IOException {
		this.socket.expectNothing(wait);
	}

	/** Reads the {@code ERROR} line, then waits for the server to close. */
	public void expectError(String text) throws IOException {
		expect("ERROR :" + text);
		this.socket.expectClosed(ChatClient.DEFAULT_WAIT);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
