package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * History on the line protocol, over real sockets: {@code /history} pages, ids and times that match the live
 * lines ({@code /ids on}), the replay on join, and the refusals of bad input, none of which tells what exists.
 */
@ParleyTest
class LineHistoryTest {

	static final String USAGE = "/history <room or @name> [latest | before <id> | after <id>] [<n>]";

	static final Pattern HIST = Pattern.compile("HIST (\\S+) (\\S+) (\\S+) (\\S+) (.*)");

	@Autowired
	LineServer server;

	/** One message as a HIST line shows it. */
	record Hist(String target, String id, String time, String from, String text) {

		static Hist of(String line) {
			Matcher m = HIST.matcher(line);
			assertThat(m.matches()).as(line).isTrue();
			return new Hist(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5));
		}

	}

	/** A block read through its end line: its messages, and whether the end says there is more. */
	record Block(String header, List<Hist> messages, boolean more) {
	}

	static Block readBlock(ChatClient client) throws IOException {
		String header = client.expectPrefix("HISTORY ");
		List<Hist> messages = new ArrayList<>();
		while (true) {
			String line = client.readLine();
			if (line.startsWith("HISTORY-END ")) {
				return new Block(header, messages, line.endsWith(" more"));
			}
			messages.add(Hist.of(line));
		}
	}

	@Test
	void liveLinesCarryTheIdAndTimeThatHistoryShowsAgain() throws Exception {
		String room = LineServer.uniqueName("idroom");
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			LineServer.joinAll(room, alice, bob);
			bob.send("/ids on").expect("OK ids on");
			alice.send("/say " + room + " hello there");
			String live = bob.readLine();
			Matcher m = Pattern.compile("ROOM (\\S+) (\\S+) " + room + " " + alice.name() + " hello there").matcher(live);
			assertThat(m.matches()).as(live).isTrue();
			bob.send("/history " + room);
			Block block = readBlock(bob);
			assertThat(block.header()).isEqualTo("HISTORY " + room + " page");
			assertThat(block.messages()).containsExactly(new Hist(room, m.group(1), m.group(2), alice.name(), "hello there"));
			assertThat(block.more()).isFalse();
			// private messages too, both ways, and each party reads the same conversation
			alice.send("/ids on").expect("OK ids on");
			alice.send("/msg " + bob.name() + " psst");
			Matcher pm = Pattern.compile("MSG (\\S+) (\\S+) " + alice.name() + " psst").matcher(bob.readLine());
			assertThat(pm.matches()).isTrue();
			bob.send("/history @" + alice.name());
			assertThat(readBlock(bob).messages())
				.containsExactly(new Hist("@" + alice.name(), pm.group(1), pm.group(2), alice.name(), "psst"));
			alice.send("/history @" + bob.name().toUpperCase());
			assertThat(readBlock(alice).messages()).extracting(Hist::id).containsExactly(pm.group(1));
			bob.send("/ids off").expect("OK ids off");
			alice.send("/say " + room + " plain again");
			bob.expect("ROOM " + room + " " + alice.name() + " plain again");
		}
	}

	/**
	 * Paging by id over 230 messages sent as fast as one socket sends them (many in one millisecond): backwards and
	 * forwards, with pages of several sizes, every message comes exactly once, in the order sent.
	 */
	@Test
	void pagingNeverSkipsNorRepeatsMessagesOfTheSameMillisecond() throws Exception {
		String room = LineServer.uniqueName("paging");
		int count = 230;
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			LineServer.joinAll(room, alice, bob);
			StringBuilder burst = new StringBuilder();
			List<String> sent = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				sent.add("line " + i);
				burst.append("/say ").append(room).append(" line ").append(i).append('\n');
			}
			alice.sendRaw(burst.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
			for (String text : sent) {
				bob.expect("ROOM " + room + " " + alice.name() + " " + text);
			}
			for (int pageSize : new int[] { 1, 7, 50, 229, 1000 }) {
				// backwards from the latest
				List<Hist> backwards = new ArrayList<>();
				bob.send("/history " + room + " " + pageSize);
				Block block = readBlock(bob);
				backwards.addAll(0, block.messages());
				while (block.more()) {
					bob.send("/history " + room + " before " + backwards.get(0).id() + " " + pageSize);
					block = readBlock(bob);
					assertThat(block.messages()).isNotEmpty();
					backwards.addAll(0, block.messages());
				}
				assertThat(backwards).extracting(Hist::text).as("backwards by %d", pageSize).containsExactlyElementsOf(sent);
				// forwards from the first
				List<Hist> forwards = new ArrayList<>(backwards.subList(0, 1));
				do {
					bob.send("/history " + room + " after " + forwards.get(forwards.size() - 1).id() + " " + pageSize);
					block = readBlock(bob);
					forwards.addAll(block.messages());
				}
				while (block.more());
				assertThat(forwards).extracting(Hist::text).as("forwards by %d", pageSize).containsExactlyElementsOf(sent);
				Set<String> ids = new LinkedHashSet<>();
				forwards.forEach(h -> ids.add(h.id()));
				assertThat(ids).hasSize(count);
			}
			// the burst really had messages in one millisecond: that is what the ids must order
			bob.send("/history " + room + " 1000");
			List<Hist> all = readBlock(bob).messages();
			assertThat(all.stream().map(Hist::time).distinct().count()).isLessThan(count);
		}
	}

	/**
	 * A member joins and leaves again and again while another pastes bursts into the room: each time, the replay
	 * and the live lines meet exactly, the replay ending at the line before the first one given live, none in both
	 * and none in neither. The replay reads up to the join's own id; an id taken after the join took in lines
	 * already given live (seen under load as a replay that repeated the line before it).
	 */
	@Test
	void theReplayAndTheLiveLinesMeetExactlyWhileTheRoomIsBusy() throws Exception {
		String room = LineServer.uniqueName("busy");
		Pattern said = Pattern.compile("ROOM " + room + " \\S+ n(\\d+)");
		try (ChatClient alice = this.server.register("paster"); ChatClient bob = this.server.register("joiner")) {
			alice.send("/join " + room).expect("OK join " + room);
			// what alice is sent (bob's comings and goings) is read and dropped, so her queue never fills
			Thread reader = new Thread(() -> {
				try {
					alice.socket().getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
				}
				catch (IOException ex) {
					// closed at the end
				}
			});
			reader.setDaemon(true);
			reader.start();
			int next = 0;
			int met = 0;
			// until enough joins fell inside a burst (most do; a quick server may finish a burst before one)
			for (int round = 0; round < 200 && met < 10; round++) {
				StringBuilder burst = new StringBuilder();
				for (int i = 0; i < 500; i++) {
					burst.append("/say ").append(room).append(" n").append(next++).append('\n');
				}
				// the join goes in while the burst is being said
				alice.sendRaw(burst.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
				bob.send("/join " + room).expect("OK join " + room);
				bob.send("/leave " + room);
				List<Long> history = new ArrayList<>();
				List<Long> live = new ArrayList<>();
				String line;
				while (!(line = bob.readLine()).equals("OK leave " + room)) {
					Matcher m = said.matcher(line);
					if (m.matches()) {
						live.add(Long.parseLong(m.group(1)));
					}
					else if (line.startsWith("HISTORY " + room + " join")) {
						String entry;
						while (!(entry = bob.readLine()).startsWith("HISTORY-END ")) {
							history.add(Long.parseLong(Hist.of(entry).text().substring(1)));
						}
					}
				}
				if (!history.isEmpty() && !live.isEmpty()) {
					assertThat(live.get(0)).as("round %d: replay up to n%d, live from n%d", round,
							history.get(history.size() - 1), live.get(0))
						.isEqualTo(history.get(history.size() - 1) + 1);
					met++;
				}
			}
			assertThat(met).as("rounds with both a replay and live lines").isEqualTo(10);
		}
	}

	@Test
	void aNewMemberIsShownTheRoomsLastLinesMarkedAsHistory() throws Exception {
		String room = LineServer.uniqueName("replay");
		try (ChatClient alice = this.server.register("alice")) {
			alice.send("/join " + room).expect("OK join " + room);
			for (int i = 0; i < 25; i++) {
				alice.send("/say " + room + " said " + i);
			}
			alice.send("/ping sync").expect("PONG sync");
			try (ChatClient bob = this.server.register("bob")) {
				bob.send("/join " + room).expect("OK join " + room);
				Block replay = readBlock(bob);
				assertThat(replay.header()).isEqualTo("HISTORY " + room + " join");
				assertThat(replay.messages()).extracting(Hist::text)
					.containsExactlyElementsOf(java.util.stream.IntStream.range(5, 25).mapToObj(i -> "said " + i).toList());
				assertThat(replay.more()).isTrue();
				alice.expect("JOIN " + room + " " + bob.name());
				// a join of a room one is in already replays nothing
				bob.send("/join " + room).expect("OK join " + room);
				bob.send("/ping after").expect("PONG after");
			}
		}
	}

	@Test
	void aRoomWithoutLinesReplaysNothing() throws Exception {
		String room = LineServer.uniqueName("quiet");
		try (ChatClient alice = this.server.register("alice")) {
			alice.send("/join " + room).expect("OK join " + room);
			alice.send("/ping x").expect("PONG x");
		}
	}

	/** Rooms one is not in (existing or not) get the same answer, and a stranger's conversation is just empty. */
	@Test
	void badInputGetsAClearErrorThatTellsNothingOfWhatExists() throws Exception {
		String secret = LineServer.uniqueName("secret");
		String nowhere = LineServer.uniqueName("nowhere");
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob");
				ChatClient eve = this.server.register("eve")) {
			LineServer.joinAll(secret, alice, bob);
			alice.send("/msg " + bob.name() + " our secret");
			bob.expect("MSG " + alice.name() + " our secret");
			alice.send("/say " + secret + " room secret");
			bob.expect("ROOM " + secret + " " + alice.name() + " room secret");

			eve.send("/history " + secret);
			eve.expect("ERR not-in-room you are not in " + secret + "; /join " + secret + " to read its history");
			eve.send("/history " + nowhere);
			eve.expect("ERR not-in-room you are not in " + nowhere + "; /join " + nowhere + " to read its history");
			// only one's own conversations: with alice, eve has none, like with a name nobody holds
			eve.send("/history @" + alice.name());
			assertThat(readBlock(eve).messages()).isEmpty();
			eve.send("/history @" + LineServer.uniqueName("nobody"));
			assertThat(readBlock(eve).messages()).isEmpty();

			alice.send("/history " + secret + " before 123");
			alice.expect("ERR bad-syntax 123 is not a message id; ids come in HIST lines");
			alice.send("/history " + secret + " after 0190f3c2-aaaa-4aaa-8aaa-aaaaaaaaaaaa");
			// a UUID, but not a time-ordered one of ours (version 4), cut to an excerpt as all typed input is
			alice.expect("ERR bad-syntax 0190f3c2-aaaa-4aaa-8aaa-aaaaaaaa... is not a message id; ids come in HIST lines");
			for (String limit : new String[] { "0", "-1", "1001", "99999999999", "ten" }) {
				alice.send("/history " + secret + " " + limit);
				alice.expect("ERR bad-syntax a page is 1-1000 messages, not " + limit);
			}
			alice.send("/history " + secret + " latest 0");
			alice.expect("ERR bad-syntax a page is 1-1000 messages, not 0");
			alice.send("/history bad!room");
			alice.expect("ERR bad-name history is read for a room or for @<name>, not bad!room");
			alice.send("/history @9x");
			alice.expect("ERR bad-name history is read for a room or for @<name>, not 9x");
			alice.send("/history " + secret + " sideways 3");
			alice.expect("ERR bad-syntax usage: " + USAGE);
			alice.send("/history");
			alice.expect("ERR bad-syntax usage: " + USAGE);
			alice.send("/ids maybe").expect("ERR bad-syntax usage: /ids on|off");
			// and after all that, a good read still works
			alice.send("/history " + secret + " latest 1");
			assertThat(readBlock(alice).messages()).extracting(Hist::text).containsExactly("room secret");
		}
	}

}
