package io.parley.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * A login makes the session one of its user's, and the rooms the user's other sessions are in deliver to it from
 * then on; yet the first thing the client reads is the login's confirmation, however busy those rooms are. A
 * script that waits for {@code OK login} (or a client for IRC's welcome) must not meet a room line first.
 */
@ParleyTest
class LoginBeforeRoomLinesTest {

	/** Logins per protocol: the flood makes a room line land in the login's window in almost every one. */
	private static final int LOGINS = 25;

	@Autowired
	LineServer server;

	@Autowired
	IrcGateway irc;

	@Test
	void theLineProtocolsOkLoginComesBeforeAnyRoomLine() throws Exception {
		try (Flood flood = new Flood(LineServer.uniqueName("busy"))) {
			long before = flood.linesDelivered();
			for (int i = 0; i < LOGINS; i++) {
				try (ChatClient again = this.server.connect()) {
					again.send("/login " + flood.member.name() + " password1");
					assertThat(again.readLine()).as("login %d's first line", i)
						.isEqualTo("OK login " + flood.member.name());
					again.send("/quit");
					again.readUntilContaining("BYE quit");
				}
			}
			assertThat(flood.linesDelivered()).as("room lines the member read meanwhile").isGreaterThan(before);
		}
	}

	@Test
	void ircsWelcomeBurstComesBeforeAnyChannelMessage() throws Exception {
		try (Flood flood = new Flood(LineServer.uniqueName("busy"))) {
			String name = flood.member.name();
			long before = flood.linesDelivered();
			for (int i = 0; i < LOGINS; i++) {
				try (IrcSocket again = this.irc.connect()) {
					again.send("PASS password1").send("NICK " + name).send("USER " + name + " 0 * :" + name);
					List<String> welcome = again.readWelcome();
					assertThat(welcome).as("login %d's lines through the MOTD", i)
						.noneMatch(line -> IrcSocket.command(line).equals("PRIVMSG"));
					assertThat(IrcSocket.command(welcome.get(0))).isEqualTo("001");
					again.send("QUIT");
					again.readThrough("ERROR");
				}
			}
			assertThat(flood.linesDelivered()).as("room lines the member read meanwhile").isGreaterThan(before);
		}
	}

	/**
	 * A room as busy as a client can make it: a member who reads everything it is sent, and a sender that writes
	 * lines to the room as fast as TCP takes them, each on its own thread until closed.
	 */
	private final class Flood implements AutoCloseable {

		final ChatClient member;

		private final ChatClient sender;

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicLong delivered = new AtomicLong();

		/** The member's goodbye, had the server cut it: the room would be quiet then, and the test prove nothing. */
		private volatile String memberCut;

		private final Thread writing;

		private final Thread reading;

		Flood(String room) throws IOException {
			this.member = LoginBeforeRoomLinesTest.this.server.register("member");
			this.sender = LoginBeforeRoomLinesTest.this.server.register("sender");
			LineServer.joinAll(room, this.member, this.sender);
			this.reading = start("member-reader", () -> {
				try {
					while (this.running.get()) {
						String line = this.member.readLine();
						if (line.startsWith("ROOM " + room + " ")) {
							this.delivered.incrementAndGet();
						}
						else if (line.startsWith("BYE ")) {
							this.memberCut = line;
						}
					}
				}
				catch (IOException | AssertionError ex) {
					// closed at the end of the test
				}
			});
			this.writing = start("room-flooder", () -> {
				try {
					// bursts as fast as TCP takes them, with a breath between them that keeps the member's reader ahead
					for (long n = 0; this.running.get(); n++) {
						this.sender.send("line " + n);
						if (n % 20 == 19) {
							Thread.sleep(1);
						}
					}
				}
				catch (SocketException | InterruptedException ex) {
					// closed at the end of the test
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			});
		}

		private static Thread start(String name, Runnable task) {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			thread.start();
			return thread;
		}

		/** Room lines the member has read; fails if the member was cut off. */
		long linesDelivered() {
			assertThat(this.memberCut).as("the member's goodbye").isNull();
			return this.delivered.get();
		}

		@Override
		public void close() throws Exception {
			this.running.set(false);
			this.sender.close();
			this.member.close();
			this.writing.join(10_000);
			this.reading.join(10_000);
		}

	}

}
