package io.parley.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

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
	private static final int LOGINS = 15;

	@Autowired
	LineServer server;

	@Autowired
	IrcGateway irc;

	@Test
	void theLineProtocolsOkLoginComesBeforeAnyRoomLine() throws Exception {
		try (Flood flood = new Flood(LineServer.uniqueName("busy"))) {
			long roomLinesAfterOk = 0;
			for (int i = 0; i < LOGINS; i++) {
				try (ChatClient again = this.server.connect()) {
					again.send("/login " + flood.member.name() + " password1");
					assertThat(again.readLine()).as("login %d's first line", i)
						.isEqualTo("OK login " + flood.member.name());
					again.send("/quit");
					for (String line = again.readLine(); !line.equals("BYE quit"); line = again.readLine()) {
						roomLinesAfterOk += line.startsWith("ROOM " + flood.room + " ") ? 1 : 0;
					}
				}
			}
			flood.assertStillFlowing();
			assertThat(roomLinesAfterOk).as("room lines the new sessions read after their OK").isPositive();
		}
	}

	@Test
	void ircsWelcomeBurstComesBeforeAnyChannelMessage() throws Exception {
		loginsOverIrc((again, name, i) -> {
			again.send("PASS password1").send("NICK " + name).send("USER " + name + " 0 * :" + name);
			List<String> welcome = again.readWelcome();
			assertThat(IrcSocket.command(welcome.get(0))).isEqualTo("001");
			return welcome;
		});
	}

	/**
	 * With labeled-response the command that ends registration has its replies framed as one block, queued once
	 * the command is done: the channel lines held back for the login come after that block, not before it.
	 */
	@Test
	void aLabeledCapEndGetsItsWelcomeBlockBeforeAnyChannelMessage() throws Exception {
		loginsOverIrc((again, name, i) -> {
			again.send("CAP REQ :batch labeled-response")
				.send("PASS password1")
				.send("NICK " + name)
				.send("USER " + name + " 0 * :" + name);
			again.expect(":parley CAP * ACK :batch labeled-response");
			again.send("@label=reg" + i + " CAP END");
			assertThat(again.readLine()).as("login %d's first line after CAP END", i)
				.startsWith("@label=reg" + i + " :parley BATCH +");
			return again.readWelcome();
		});
	}

	/** One way to register over IRC as the flood's member: the lines read through the welcome. */
	private interface IrcLogin {

		List<String> register(IrcSocket again, String name, int attempt) throws IOException;

	}

	/**
	 * {@link #LOGINS} logins of the flood's member over IRC, each registering as {@code login} does: no channel
	 * message among the lines through the welcome, and some after it (the flood reached the new sessions).
	 */
	private void loginsOverIrc(IrcLogin login) throws Exception {
		try (Flood flood = new Flood(LineServer.uniqueName("busy"))) {
			long channelLinesAfterWelcome = 0;
			for (int i = 0; i < LOGINS; i++) {
				try (IrcSocket again = this.irc.connect()) {
					List<String> welcome = login.register(again, flood.member.name(), i);
					assertThat(welcome).as("login %d's lines through the MOTD", i)
						.noneMatch(line -> IrcSocket.command(line).equals("PRIVMSG"));
					channelLinesAfterWelcome += quit(again);
				}
			}
			flood.assertStillFlowing();
			assertThat(channelLinesAfterWelcome).as("channel lines the new sessions read after their welcome")
				.isPositive();
		}
	}

	/** Quits, reading through the {@code ERROR} that ends the session; how many channel messages came meanwhile. */
	private static long quit(IrcSocket irc) throws IOException {
		irc.send("QUIT");
		return irc.readThrough("ERROR").stream().filter(line -> IrcSocket.command(line).equals("PRIVMSG")).count();
	}

	/**
	 * A room as busy as a client can make it: a member who reads everything it is sent, and a sender that writes
	 * lines to the room as fast as TCP takes them, each on its own thread until closed.
	 */
	private final class Flood implements AutoCloseable {

		final String room;

		final ChatClient member;

		private final ChatClient sender;

		private final AtomicBoolean running = new AtomicBoolean(true);

		/** The member's goodbye, had the server cut it: the room would be quiet then, and the test prove nothing. */
		private volatile String memberCut;

		/** Why the sender stopped before the end, if it did: the same. */
		private volatile IOException senderFailed;

		private final Thread writing;

		private final Thread reading;

		Flood(String room) throws IOException {
			this.room = room;
			this.member = LoginBeforeRoomLinesTest.this.server.register("member");
			this.sender = LoginBeforeRoomLinesTest.this.server.register("sender");
			try {
				LineServer.joinAll(room, this.member, this.sender);
			}
			catch (IOException | AssertionError ex) {
				this.member.close();
				this.sender.close();
				throw ex;
			}
			this.reading = start("member-reader", () -> {
				// whole reads, not ChatClient's byte at a time: the member must keep up with the flood
				byte[] buffer = new byte[64 * 1024];
				String carried = "";
				try {
					InputStream in = this.member.socket().getInputStream();
					this.member.socket().setSoTimeout(0);
					for (int n = in.read(buffer); n > 0 && this.running.get(); n = in.read(buffer)) {
						String[] lines = (carried + new String(buffer, 0, n, StandardCharsets.UTF_8)).split("\n", -1);
						for (int i = 0; i < lines.length - 1; i++) {
							if (lines[i].startsWith("BYE ")) {
								this.memberCut = lines[i];
							}
						}
						carried = lines[lines.length - 1];
					}
				}
				catch (IOException ex) {
					// closed at the end of the test
				}
			});
			this.writing = start("room-flooder", () -> {
				try {
					// bursts as fast as TCP takes them, with a breath between them that keeps the member's reader ahead
					for (long n = 0; this.running.get(); n++) {
						this.sender.send("line " + n);
						if (n % 10 == 9) {
							Thread.sleep(1);
						}
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				catch (IOException ex) {
					if (this.running.get()) {
						this.senderFailed = ex; // not closed by the test: the flood stopped early
					}
				}
			});
		}

		private static Thread start(String name, Runnable task) {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			thread.start();
			return thread;
		}

		/** Fails if the flood stopped early: the member was cut off, or the sender could not write. */
		void assertStillFlowing() {
			assertThat(this.memberCut).as("the member's goodbye").isNull();
			assertThat(this.senderFailed).as("why the sender stopped").isNull();
			assertThat(this.reading.isAlive()).as("the member's reader is reading").isTrue();
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
