package io.parley.soak;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.parley.support.ChatClient;
import io.parley.support.ParleyProcess;

/**
 * A soak client that stays for the whole run in one room: it counts the room and private lines it receives,
 * answers the server's pings, and reports any error line or early close as a problem.
 */
final class Member {

	final String name;

	final int room;

	final AtomicLong roomExpected = new AtomicLong();

	final AtomicLong privatesExpected = new AtomicLong();

	private final AtomicLong roomReceived = new AtomicLong();

	private final AtomicLong privatesReceived = new AtomicLong();

	private final AtomicBoolean closing = new AtomicBoolean();

	private final ChatClient client;

	private final boolean irc;

	private final SoakTest soak;

	private Member(String name, int room, ChatClient client, boolean irc, SoakTest soak) {
		this.name = name;
		this.room = room;
		this.client = client;
		this.irc = irc;
		this.soak = soak;
	}

	static Member line(ParleyProcess server, String name, int room, SoakTest soak) throws IOException {
		ChatClient client = SoakTest.register(server, name);
		client.send("/join " + SoakTest.room(room)).expect("OK join " + SoakTest.room(room));
		return new Member(name, room, client, false, soak);
	}

	static Member irc(ParleyProcess server, String name, int room, SoakTest soak) throws IOException {
		ChatClient client = new ChatClient("localhost", server.ircPort());
		client.send("PASS soak-pass-1").send("NICK " + name).send("USER " + name + " 0 * :soak");
		skipUntil(client, " 001 ");
		client.send("JOIN #" + SoakTest.room(room));
		skipUntil(client, " 366 ");
		return new Member(name, room, client, true, soak);
	}

	private static void skipUntil(ChatClient client, String marker) throws IOException {
		while (!client.readLine().contains(marker)) {
			// the welcome burst and the names list
		}
	}

	void startReading(ExecutorService readers) {
		readers.execute(this::read);
	}

	private void read() {
		try {
			String line;
			while ((line = this.client.readLine(Duration.ofMinutes(10))) != null) {
				take(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
			}
			this.soak.problem(this.name + ": closed by the server");
		}
		catch (IOException | AssertionError ex) {
			if (!this.closing.get()) {
				this.soak.problem(this.name + ": " + ex.getMessage());
			}
		}
	}

	private void take(String line) throws IOException {
		if (this.irc) {
			String[] words = line.split(" ", 4);
			if (words[0].equals("PING")) {
				send("PONG " + words[1]);
			}
			else if (words.length > 2 && words[1].equals("PRIVMSG")) {
				(words[2].startsWith("#") ? this.roomReceived : this.privatesReceived).incrementAndGet();
			}
			else if (words[0].equals("ERROR") || (words.length > 1 && words[1].matches("[45]\\d\\d"))) {
				this.soak.problem(this.name + ": " + line);
			}
		}
		else if (line.startsWith("ROOM ")) {
			this.roomReceived.incrementAndGet();
		}
		else if (line.startsWith("MSG ")) {
			this.privatesReceived.incrementAndGet();
		}
		else if (line.startsWith("PING ")) {
			send("/pong");
		}
		else if (line.startsWith("ERR ") || line.startsWith("BYE ")) {
			this.soak.problem(this.name + ": " + line);
		}
	}

	boolean sayInRoom(String text) {
		return send(this.irc ? "PRIVMSG #" + SoakTest.room(this.room) + " :" + text
				: "/say " + SoakTest.room(this.room) + " " + text);
	}

	boolean sayTo(String to, String text) {
		return send(this.irc ? "PRIVMSG " + to + " :" + text : "/msg " + to + " " + text);
	}

	/** Writers are the load threads and this member's reader (pongs): one line at a time. */
	private synchronized boolean send(String line) {
		try {
			this.client.send(line);
			return true;
		}
		catch (IOException ex) {
			this.soak.problem(this.name + ": cannot send: " + ex.getMessage());
			return false;
		}
	}

	long received() {
		return this.roomReceived.get() + this.privatesReceived.get();
	}

	/** What went missing or came twice, or null when every expected line came exactly once. */
	String mismatch() {
		if (this.roomReceived.get() == this.roomExpected.get()
				&& this.privatesReceived.get() == this.privatesExpected.get()) {
			return null;
		}
		return this.name + ": room lines " + this.roomReceived + " of " + this.roomExpected + ", private lines "
				+ this.privatesReceived + " of " + this.privatesExpected;
	}

	boolean hasAll() {
		return this.roomReceived.get() >= this.roomExpected.get()
				&& this.privatesReceived.get() >= this.privatesExpected.get();
	}

	void close() throws IOException {
		this.closing.set(true);
		this.client.close();
	}

}
