package io.parley.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.AtDefaultLimits;
import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * A paste into {@code nc} or an IRC client, at the default flood limits (ParleyTest lifts them for the other
 * tests; {@link AmplificationTest} checks these are the defaults): every line arrives, in order, at the
 * allowed rate, and nobody else's messages wait for it.
 */
@ParleyTest
@AtDefaultLimits
class PasteTest {

	private static final int PASTED = 200;

	/** Far more than a message takes on a quiet machine, far less than a reader waiting with drains held. */
	private static final Duration NOT_DELAYED = Duration.ofSeconds(1);

	@Autowired
	LineServer server;

	@Autowired
	IrcGateway irc;

	@Autowired
	AdminHttp http;

	@Test
	void twoHundredLinesPastedIntoNcAllArriveInOrderAndDelayNobodyElse() throws Exception {
		String room = LineServer.uniqueName("paste");
		try (ChatClient paster = this.server.logIn(this.http.createUser("paster"));
				ChatClient reader = this.server.logIn(this.http.createUser("reader"));
				ChatClient bystander = this.server.logIn(this.http.createUser("bystander"));
				ChatClient talker = this.server.logIn(this.http.createUser("talker"))) {
			LineServer.joinAll(room, paster, reader, bystander, talker);
			StringBuilder paste = new StringBuilder();
			for (int i = 1; i <= PASTED; i++) {
				paste.append("pasted line ").append(i).append('\n');
			}
			pasteArrivesWhole(room, paster.name(), () -> paster.sendRaw(bytes(paste)), reader, bystander, talker);
			// and the paster was never told off or cut; it hears the talker's ticks, being in the room
			paster.send("/ping done");
			String line;
			while (!(line = paster.readLine()).equals("PONG done")) {
				assertThat(line).startsWith("ROOM " + room + " " + talker.name() + " tick ");
			}
		}
	}

	@Test
	void twoHundredPrivmsgsPastedIntoAnIrcClientAllArriveInOrderAndDelayNobodyElse() throws Exception {
		String room = LineServer.uniqueName("ircpaste");
		try (IrcSocket paster = this.irc.logIn(this.http.createUser("ircpaster"));
				ChatClient reader = this.server.logIn(this.http.createUser("reader"));
				ChatClient bystander = this.server.logIn(this.http.createUser("bystander"));
				ChatClient talker = this.server.logIn(this.http.createUser("talker"))) {
			paster.send("JOIN #" + room).readThrough("366");
			LineServer.joinAll(room, reader, bystander, talker);
			List<String> paste = new ArrayList<>();
			for (int i = 1; i <= PASTED; i++) {
				paste.add("PRIVMSG #" + room + " :pasted line " + i);
			}
			// one write
			pasteArrivesWhole(room, paster.nick(), () -> paster.send(paste), reader, bystander, talker);
			paster.send("PING done");
			assertThat(paster.readThrough("PONG")).allMatch(
					line -> line.contains(" PRIVMSG #" + room + " :tick ") || line.contains(" JOIN #" + room)
							|| IrcSocket.command(line).matches("353|366|PONG"));
		}
	}

	/**
	 * Pastes, then has {@code talker} say one line after the other to the room while {@code reader} collects the
	 * paste: each of talker's lines must reach {@code bystander} promptly, the paste's lines must all reach
	 * reader in order, and at the rate allowed, not in a lump when the paster's reader next reads its socket.
	 */
	private void pasteArrivesWhole(String room, String paster, Paste paste, ChatClient reader, ChatClient bystander,
			ChatClient talker) throws Exception {
		String prefix = "ROOM " + room + " " + paster + " pasted line ";
		CompletableFuture<List<Long>> arrivals = CompletableFuture.supplyAsync(() -> {
			List<Long> at = new ArrayList<>();
			try {
				while (at.size() < PASTED) {
					String line = reader.readLine(Duration.ofSeconds(30));
					if (line.startsWith(prefix)) {
						assertThat(line).isEqualTo(prefix + (at.size() + 1));
						at.add(System.nanoTime());
					}
				}
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			return at;
		});
		long start = System.nanoTime();
		paste.send();
		List<Long> latencies = new ArrayList<>();
		for (int tick = 1; !arrivals.isDone(); tick++) {
			long sent = System.nanoTime();
			talker.send("tick " + tick);
			String expected = "ROOM " + room + " " + talker.name() + " tick " + tick;
			while (!bystander.readLine().equals(expected)) {
				// the paste's lines, which the bystander gets as well
			}
			latencies.add(System.nanoTime() - sent);
		}
		List<Long> at = arrivals.get(60, TimeUnit.SECONDS);
		assertThat(at).hasSize(PASTED);
		// 40 at once, the other 160 at 10 a second: 16 s, give or take
		assertThat(Duration.ofNanos(at.get(PASTED - 1) - start)).isBetween(Duration.ofSeconds(14),
				Duration.ofSeconds(30));
		long longestGap = 0;
		for (int i = 1; i < at.size(); i++) {
			longestGap = Math.max(longestGap, at.get(i) - at.get(i - 1));
		}
		assertThat(Duration.ofNanos(longestGap)).as("longest wait between two pasted lines").isLessThan(NOT_DELAYED);
		assertThat(latencies).hasSizeGreaterThan(10);
		assertThat(Duration.ofNanos(latencies.stream().mapToLong(Long::longValue).max().orElseThrow()))
			.as("longest delivery of another member's line during the paste")
			.isLessThan(NOT_DELAYED);
	}


	private static byte[] bytes(CharSequence text) {
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

	@FunctionalInterface
	private interface Paste {

		void send() throws Exception;

	}

}
