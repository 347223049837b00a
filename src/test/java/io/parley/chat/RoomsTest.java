package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.ChatClient;
import io.parley.support.ParleyTest;
import io.parley.support.LineServer;

/** Joining, talking in and leaving rooms; who is in them; which rooms there are. */
@ParleyTest
class RoomsTest {

	private static final String BAD_ROOM = "ERR bad-name a room name is 1-32 letters, digits, _ or -, with an optional leading #";

	private static final Duration QUIET = Duration.ofMillis(300);

	@Autowired
	LineServer server;

	@Test
	void joiningIsAnnouncedToTheOtherMembersButNotToTheJoiner() throws Exception {
		String room = LineServer.uniqueName("joinroom");
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			LineServer.joinAll(room, alice, bob);
			bob.expectNothing(QUIET);
		}
	}

	@Test
	void hashAndCaseNameTheSameRoomShownLowerCaseWithoutTheHash() throws Exception {
		String room = LineServer.uniqueName("lobby");
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			alice.send("/join #" + room.toUpperCase(Locale.ROOT));
			alice.expect("OK join " + room);
			bob.send("/join " + room);
			bob.expect("OK join " + room);
			alice.expect("JOIN " + room + " " + bob.name());
			bob.send("/say #" + room.substring(0, 1).toUpperCase(Locale.ROOT) + room.substring(1) + " hi");
			alice.expect("ROOM " + room + " " + bob.name() + " hi");
		}
	}

	@Test
	void joiningARoomTwiceAnnouncesOnlyOnce() throws Exception {
		String room = LineServer.uniqueName("twice");
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			LineServer.joinAll(room, alice, bob);
			join(bob, "#" + room);
			alice.expectNothing(QUIET);
			bob.send("/who " + room);
			bob.expect("WHO " + room + " " + sorted(alice.name(), bob.name()));
		}
	}

	@Test
	void sayReachesEveryOtherMemberAndNeverTheSender() throws Exception {
		String room = LineServer.uniqueName("sayroom");
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob");
				ChatClient carol = this.server.register("carol"); ChatClient outsider = this.server.register("out")) {
			LineServer.joinAll(room, alice, bob, carol);
			alice.send("/say " + room + "   hello,   everyone  ");
			bob.expect("ROOM " + room + " " + alice.name() + " hello,   everyone");
			carol.expect("ROOM " + room + " " + alice.name() + " hello,   everyone");
			alice.expectNothing(QUIET);
			outsider.expectNothing(Duration.ofMillis(50));
		}
	}

	@Test
	void plainTextGoesToTheRoomLastJoinedOrSpokenIn() throws Exception {
		String first = LineServer.uniqueName("first");
		String second = LineServer.uniqueName("second");
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			join(bob, first);
			join(bob, second);
			join(alice, first);
			join(alice, second);
			bob.expect("JOIN " + first + " " + alice.name());
			bob.expect("JOIN " + second + " " + alice.name());
			alice.send("to the last joined");
			bob.expect("ROOM " + second + " " + alice.name() + " to the last joined");
			alice.send("/say " + first + " switching");
			bob.expect("ROOM " + first + " " + alice.name() + " switching");
			alice.send("now in the first");
			bob.expect("ROOM " + first + " " + alice.name() + " now in the first");
			alice.send("//me waves");
			bob.expect("ROOM " + first + " " + alice.name() + " /me waves");
			alice.send("///");
			bob.expect("ROOM " + first + " " + alice.name() + " //");
		}
	}

	@Test
	void plainTextInNoRoomIsRefusedAsNotInRoom() throws Exception {
		String room = LineServer.uniqueName("gone");
		try (ChatClient alice = this.server.register("alice")) {
			alice.send("hello?");
			alice.expect("ERR not-in-room you are in no room; /join <room> first, or /msg <name> <text> to talk to one person");
			join(alice, room);
			alice.send("/leave " + room);
			alice.expect("OK leave " + room);
			alice.send("anyone?");
			alice.expect("ERR not-in-room you are in no room; /join <room> first, or /msg <name> <text> to talk to one person");
		}
	}

	/** After {@code /join r1}, {@code /join r2}, {@code /leave r2}, plain text goes to r1 again. */
	@Test
	void plainTextFallsBackToTheRoomJoinedBeforeAfterLeavingTheCurrentOne() throws Exception {
		String r1 = LineServer.uniqueName("first");
		String r2 = LineServer.uniqueName("second");
		String r3 = LineServer.uniqueName("third");
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			LineServer.joinAll(r1, bob, alice);
			LineServer.joinAll(r3, bob, alice);
			join(alice, r2);
			alice.send("/leave " + r2).expect("OK leave " + r2);
			alice.send("back in the third");
			bob.expect("ROOM " + r3 + " " + alice.name() + " back in the third");
			// leaving a room that is not the current one keeps the current one
			alice.send("/say " + r1 + " in the first").send("/leave " + r3).expect("OK leave " + r3);
			bob.expect("ROOM " + r1 + " " + alice.name() + " in the first");
			bob.expect("LEAVE " + r3 + " " + alice.name());
			alice.send("still the first");
			bob.expect("ROOM " + r1 + " " + alice.name() + " still the first");
			alice.send("/leave " + r1).expect("OK leave " + r1);
			bob.expect("LEAVE " + r1 + " " + alice.name());
			alice.send("nowhere");
			alice.expect("ERR not-in-room you are in no room; /join <room> first, or /msg <name> <text> to talk to one person");
		}
	}

	@Test
	void leavingIsAnnouncedAndEndsTheMembership() throws Exception {
		String room = LineServer.uniqueName("leaveroom");
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			LineServer.joinAll(room, alice, bob);
			bob.send("/leave #" + room.toUpperCase(Locale.ROOT));
			bob.expect("OK leave " + room);
			alice.expect("LEAVE " + room + " " + bob.name());
			bob.send("/leave " + room);
			bob.expect("ERR not-in-room you are not in " + room + "; /rooms lists the rooms");
			bob.send("/say " + room + " still here?");
			bob.expect("ERR not-in-room you are not in " + room + "; /join " + room + " first");
			alice.send("/say " + room + " bye bob");
			alice.send("/who " + room);
			alice.expect("WHO " + room + " " + alice.name());
			bob.expectNothing(QUIET);
		}
	}

	@Test
	void quittingAndDisconnectingAreAnnouncedAsLeave() throws Exception {
		String room = LineServer.uniqueName("quitroom");
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob");
				ChatClient carol = this.server.register("carol")) {
			LineServer.joinAll(room, alice, bob, carol);
			bob.send("/quit");
			bob.expect("BYE quit");
			alice.expect("LEAVE " + room + " " + bob.name());
			carol.close();
			alice.expect("LEAVE " + room + " " + carol.name());
			alice.send("/who " + room);
			alice.expect("WHO " + room + " " + alice.name());
		}
	}

	@Test
	void roomsThatDoNotExistOrAreMisnamedAreRefused() throws Exception {
		String nowhere = LineServer.uniqueName("nowhere");
		try (ChatClient alice = this.server.register("alice")) {
			alice.send("/say " + nowhere + " hello");
			alice.expect("ERR no-room there is no room " + nowhere + "; /join " + nowhere + " to open it");
			alice.send("/who #" + nowhere);
			alice.expect("ERR no-room there is no room " + nowhere + "; /rooms lists the rooms");
			alice.send("/leave " + nowhere);
			alice.expect("ERR not-in-room you are not in " + nowhere + "; /rooms lists the rooms");
			for (String bad : List.of("bad.name", "#", "##two", "a" + "b".repeat(32), "r\u00e9sum\u00e9", "*")) {
				for (String command : List.of("/join ", "/leave ", "/who ", "/say ")) {
					alice.send(command + bad + (command.equals("/say ") ? " hi" : ""));
					alice.expect(BAD_ROOM);
				}
			}
			String longest = "r" + "x".repeat(31);
			alice.send("/join #" + longest);
			alice.expect("OK join " + longest);
			alice.send("/leave " + longest);
			alice.expect("OK leave " + longest);
		}
	}

	@Test
	void sayingNothingButControlCharactersIsRefused() throws Exception {
		String room = LineServer.uniqueName("empty");
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			LineServer.joinAll(room, alice, bob);
			bob.send("/say " + room + " \u0007\u001b\u0000");
			bob.expect("ERR bad-syntax the message is empty; type some text after the command");
			bob.send("\u0007\u0008");
			bob.expect("ERR bad-syntax the message is empty; type some text after the command");
			alice.expectNothing(QUIET);
		}
	}

	@Test
	void whoListsRoomMembersSortedIgnoringCase() throws Exception {
		String room = LineServer.uniqueName("whoroom");
		try (ChatClient carol = this.server.register("Carol"); ChatClient alice = this.server.register("alice");
				ChatClient bob = this.server.register("Bob")) {
			join(carol, room);
			join(alice, room);
			join(bob, room);
			carol.send("/who " + room);
			carol.expect("JOIN " + room + " " + alice.name());
			carol.expect("JOIN " + room + " " + bob.name());
			carol.expect("WHO " + room + " " + alice.name() + " " + bob.name() + " " + carol.name());
		}
	}

	@Test
	void whoSortsNamesAsPeopleReadThemNotByTheirLookAlikeKeys() throws Exception {
		// in the look-alike keys m is rn and I is l: Mona would come after nora, and Ian next to Lena
		String room = LineServer.uniqueName("abcroom");
		try (ChatClient mona = this.server.register("Mona"); ChatClient nora = this.server.register("nora");
				ChatClient ian = this.server.register("Ian"); ChatClient kai = this.server.register("kai")) {
			join(mona, room);
			join(nora, room);
			join(ian, room);
			join(kai, room);
			kai.send("/who " + room);
			String line = kai.readLine();
			assertThat(line).startsWith("WHO " + room + " ");
			List<String> names = Arrays.asList(line.substring(("WHO " + room + " ").length()).split(" "));
			assertThat(names).containsExactly(ian.name(), kai.name(), mona.name(), nora.name());
		}
	}

	@Test
	void whoWithoutARoomListsEveryoneOnlineSortedIgnoringCase() throws Exception {
		try (ChatClient zed = this.server.register("Zed"); ChatClient amy = this.server.register("amy");
				ChatClient ben = this.server.register("BEN")) {
			zed.send("/who");
			String line = zed.readLine();
			assertThat(line).startsWith("WHO * ");
			List<String> names = Arrays.asList(line.substring("WHO * ".length()).split(" "));
			assertThat(names).contains(zed.name(), amy.name(), ben.name()).doesNotHaveDuplicates();
			assertThat(names).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
		}
	}

	@Test
	void roomsListsRoomsWithTheirMemberCountsSortedAndForgetsEmptyRooms() throws Exception {
		String prefix = LineServer.uniqueName("cnt");
		String a = prefix + "-a";
		String b = prefix + "-b";
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			join(alice, b);
			join(bob, b);
			join(bob, a);
			alice.expect("JOIN " + b + " " + bob.name());
			alice.send("/rooms");
			assertThat(roomCounts(alice.readLine(), prefix)).containsExactly(a + ":1", b + ":2");
			bob.send("/leave " + a);
			bob.expect("OK leave " + a);
			bob.send("/rooms");
			assertThat(roomCounts(bob.readLine(), prefix)).containsExactly(b + ":2");
			bob.send("/who " + a);
			bob.expect("ERR no-room there is no room " + a + "; /rooms lists the rooms");
		}
	}

	@Test
	void roomsIsBareWhenNoRoomHasMembers() throws Exception {
		try (ChatClient alice = this.server.register("alice")) {
			// rooms of earlier tests empty as their clients' sessions end
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				alice.send("/rooms");
				return alice.readLine();
			}, "ROOMS"::equals);
			String room = LineServer.uniqueName("solo");
			join(alice, room);
			alice.send("/rooms");
			alice.expect("ROOMS " + room + ":1");
			alice.send("/leave " + room);
			alice.expect("OK leave " + room);
			alice.send("/rooms");
			alice.expect("ROOMS");
		}
	}

	@Test
	void allReachesEveryoneOnlineButTheSender() throws Exception {
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob");
				ChatClient carol = this.server.register("carol")) {
			alice.send("/all  hear\tye \u202Ehear ye");
			bob.expect("ALL " + alice.name() + " hear ye hear ye");
			carol.expect("ALL " + alice.name() + " hear ye hear ye");
			alice.send("/all \u0001");
			alice.expect("ERR bad-syntax the message is empty; type some text after the command");
			bob.expectNothing(QUIET);
		}
	}

	private static void join(ChatClient client, String room) throws IOException {
		client.send("/join " + room);
		client.expect("OK join " + (room.startsWith("#") ? room.substring(1) : room).toLowerCase(Locale.ROOT));
	}

	private static String sorted(String... names) {
		return String.join(" ", Arrays.stream(names).sorted(String.CASE_INSENSITIVE_ORDER).toList());
	}

	/** The entries of a ROOMS line for the rooms of this test, in the order given. */
	private static List<String> roomCounts(String line, String prefix) {
		assertThat(line).startsWith("ROOMS ");
		List<String> entries = Arrays.asList(line.substring("ROOMS ".length()).split(" "));
		assertThat(entries).isSortedAccordingTo((x, y) -> x.substring(0, x.lastIndexOf(':'))
			.compareTo(y.substring(0, y.lastIndexOf(':'))));
		return entries.stream().filter(e -> e.startsWith(prefix)).toList();
	}

}
