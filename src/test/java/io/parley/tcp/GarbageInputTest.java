package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * What clients send is bytes, not text, beyond RobustnessTest's hand-picked cases: invalid UTF-8 in commands,
 * random bytes, the line limit in bytes, CRs. None of it reaches another client raw, and none of it costs the
 * sender its connection. Random input comes from fixed seeds, so a failure can be run again.
 */
@ParleyTest
class GarbageInputTest {

	private static final String TOO_LONG = "ERR line-too-long a line is at most 4096 bytes; that one had %d and was dropped";

	@Autowired
	LineServer server;

	@Test
	void invalidUtf8InCommandsAndPrivateMessagesBecomesReplacementCharacters() throws Exception {
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			alice.sendRaw(bytes("/msg " + bob.name() + " caf", 0xE9, " ", 0xC0, 0xAF, "!\n"));
			bob.expect("MSG " + alice.name() + " caf\uFFFD \uFFFD\uFFFD!");
			alice.sendRaw(bytes("/pi", 0xFF, "ng\n"));
			alice.expect("ERR unknown-command /pi\uFFFDng is not a command; /help lists the commands");
			alice.sendRaw(bytes("/ping ", 0xFE, 0xFF, "\n"));
			alice.expect("PONG \uFFFD\uFFFD");
		}
	}

	@Test
	void randomBytesNeverCostAnAnonymousClientItsConnection() throws Exception {
		Random random = new Random(20261124);
		try (ChatClient anonymous = this.server.connect()) {
			for (int i = 0; i < 100; i++) {
				anonymous.sendRaw(randomLine(random, 1 + random.nextInt(300)));
			}
			anonymous.send("/ping after-garbage");
			String line;
			while (!(line = anonymous.readLine()).equals("PONG after-garbage")) {
				// (?s): a reply may quote back a U+2028, which is no control character and which "." does not match
				assertThat(line).matches("(?s)ERR (auth-required|unknown-command|bad-syntax) .*|PONG.*|HELP .*");
			}
		}
	}

	@Test
	void randomTextIsRelayedCleanedAndExactlyOnce() throws Exception {
		Random random = new Random(42);
		String room = LineServer.uniqueName("fuzz");
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			LineServer.joinAll(room, alice, bob);
			List<String> expected = new ArrayList<>();
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			for (int i = 0; i < 300; i++) {
				byte[] line = randomLine(random, 1 + random.nextInt(300));
				line[0] = 'x'; // plain text, never a command and never blank
				all.writeBytes(line);
				expected.add("ROOM " + room + " " + bob.name() + " " + cleaned(line));
			}
			bob.sendRaw(all.toByteArray());
			for (String line : expected) {
				alice.expect(line);
			}
			// and nothing after them: the ping's answer is the next line
			alice.send("/ping end").expect("PONG end");
		}
	}

	@Test
	void theLineLimitCountsBytesNotCharacters() throws Exception {
		try (ChatClient client = this.server.connect()) {
			// é is two bytes in UTF-8: 6 + 2 * 2045 = 4096
			String fits = "/ping " + "\u00e9".repeat(2045);
			client.send(fits).expect("PONG " + "\u00e9".repeat(2045));
			client.send(fits + "a").expect(TOO_LONG.formatted(4097));
			client.send("/ping y").expect("PONG y");
		}
	}

	@Test
	void anOverLongLineOfTextIsNeverRelayed() throws Exception {
		String room = LineServer.uniqueName("long");
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			LineServer.joinAll(room, alice, bob);
			bob.send("w".repeat(5000)).expect(TOO_LONG.formatted(5000));
			bob.send("short one");
			alice.expect("ROOM " + room + " " + bob.name() + " short one");
		}
	}

	@Test
	void crlfEndsALineAndSoDoesALoneCr() throws Exception {
		String name = LineServer.uniqueName("crlf");
		String room = LineServer.uniqueName("crlfroom");
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.connect()) {
			LineServer.joinAll(room, alice);
			bob.sendRaw(("/register " + name + " password1\r\n/join " + room + "\r\nhello\r\n/ping a\rb\r\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			bob.expect("OK register " + name);
			bob.expect("OK join " + room);
			// a lone CR ends the line, as on many IRC servers: "b" is a room line of its own, and the CR LF
			// after it one line end, not an empty line
			bob.expect("PONG a");
			alice.expect("JOIN " + room + " " + name);
			alice.expect("ROOM " + room + " " + name + " hello");
			alice.expect("ROOM " + room + " " + name + " b");
			bob.send("/ping after").expect("PONG after");
		}
		try (ChatClient again = this.server.connect()) {
			// the password was registered without the CR
			again.send("/login " + name + " password1").expect("OK login " + name);
		}
	}

	/** Strings as UTF-8, integers as single bytes. */
	private static byte[] bytes(Object... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Object part : parts) {
			if (part instanceof String s) {
				out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
			}
			else {
				out.write((Integer) part);
			}
		}
		return out.toByteArray();
	}

	/** {@code length} random bytes, none of them LF, then LF. */
	private static byte[] randomLine(Random random, int length) {
		byte[] line = new byte[length + 1];
		for (int i = 0; i < length; i++) {
			byte b;
			do {
				b = (byte) random.nextInt(256);
			}
			while (b == '\n' || b == '\r'); // a CR would end the line as well
			line[i] = b;
		}
		line[length] = '\n';
		return line;
	}

	/**
	 * What README.md promises others see of a line, worked out independently of the server's code: without its LF
	 * and a CR before that, decoded as UTF-8 (invalid sequences as U+FFFD), without C0 controls, DEL, C1 controls
	 * and bidi overrides, tabs as spaces.
	 */
	private static String cleaned(byte[] line) {
		int length = line.length - 1;
		if (length > 0 && line[length - 1] == '\r') {
			length--;
		}
		StringBuilder clean = new StringBuilder();
		new String(line, 0, length, StandardCharsets.UTF_8).codePoints().forEach(cp -> {
			if (cp == '\t') {
				clean.append(' ');
			}
			else if (!(cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E)
					|| (cp >= 0x2066 && cp <= 0x2069))) {
				clean.appendCodePoint(cp);
			}
		});
		return clean.toString();
	}

}
