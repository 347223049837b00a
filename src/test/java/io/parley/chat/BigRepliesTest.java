package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.session.Session;
import io.parley.session.SessionRegistry;
import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * Replies the server chooses to send, however long (every room of thousands, everyone online), reach the asker
 * whole, at its own pace, and cut nobody: with a send queue of 64 KB, a listing of 3,000 rooms is longer than
 * the queue could ever hold at once.
 */
@ParleyTest(properties = { "parley.sessions.send-queue-bytes=64KB", "parley.limits.rooms.per-user=1000" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BigRepliesTest {

	private static final int ROOMS = 3000;

	private static final int ROOMS_PER_CREATOR = 300;

	private static final long QUEUE_LIMIT = 64 * 1024;

	/** Entries per {@code ROOMS+} line. */
	private static final int PAGE_SIZE = 100;

	@Autowired
	LineServer server;

	@Autowired
	IrcGateway irc;

	@Autowired
	AdminHttp http;

	@Autowired
	SessionRegistry sessions;

	private final List<ChatClient> creators = new ArrayList<>();

	private final Set<String> created = new HashSet<>();

	/** 3,000 rooms with names of the longest kind, held open by ten members of 300 rooms each. */
	@BeforeAll
	void manyRooms() throws IOException {
		String prefix = LineServer.uniqueName("big") + "-";
		for (int c = 0; c < ROOMS / ROOMS_PER_CREATOR; c++) {
			ChatClient creator = this.server.register("maker");
			this.creators.add(creator);
			StringBuilder joins = new StringBuilder();
			List<String> names = new ArrayList<>();
			for (int i = 0; i < ROOMS_PER_CREATOR; i++) {
				String room = (prefix + (c * ROOMS_PER_CREATOR + i) + "-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx").substring(0, 32);
				names.add(room);
				joins.append("/join ").append(room).append('\n');
			}
			creator.sendRaw(joins.toString().getBytes());
			for (String room : names) {
				creator.expect("OK join " + room);
			}
			this.created.addAll(names);
		}
		assertThat(this.created).hasSize(ROOMS);
	}

	@AfterAll
	void closeCreators() throws IOException {
		for (ChatClient creator : this.creators) {
			creator.close();
		}
	}

	@Test
	void roomsListsThousandsOfRoomsOverSeveralLinesWithoutCuttingTheAsker() throws Exception {
		try (ChatClient asker = this.server.register("asker")) {
			asker.send("/rooms");
			List<String> entries = readListing(asker, "ROOMS", 1);
			Set<String> listed = new HashSet<>();
			for (String entry : entries) {
				assertThat(listed.add(entry.substring(0, entry.lastIndexOf(':')))).as("listed once: " + entry).isTrue();
			}
			assertThat(listed).containsAll(this.created);
			asker.send("/ping still-here").expect("PONG still-here");
		}
	}

	@Test
	void ircListOfThousandsOfChannelsArriveWholeWithoutCuttingTheAsker() throws Exception {
		try (IrcSocket asker = this.irc.logIn(this.http.createUser("lister"))) {
			asker.send("LIST");
			List<String> lines = asker.readThrough("323");
			assertThat(IrcSocket.command(lines.get(0))).isEqualTo("321");
			Set<String> listed = new HashSet<>();
			for (String line : lines.subList(1, lines.size() - 1)) {
				assertThat(IrcSocket.command(line)).isEqualTo("322");
				listed.add(line.split(" ")[3].substring(1));
			}
			assertThat(listed).containsAll(this.created);
			asker.send("PING still-here").expect(":parley PONG parley :still-here");
		}
	}

	@Test
	void whoOfEveryoneOnlineComesInPagesEndedByAWhoLine() throws Exception {
		try (ChatClient asker = this.server.register("whoasker")) {
			asker.send("/who");
			List<String> listed = readListing(asker, "WHO", 2);
			assertThat(listed).contains(asker.name());
			this.creators.forEach(creator -> assertThat(listed).contains(creator.name()));
		}
	}

	/**
	 * The entries of a long answer: lines of {@code kind+} and a last line of {@code kind}, each of at most a
	 * page of entries and 4 KiB, the entries after the first {@code skip} words.
	 */
	private static List<String> readListing(ChatClient client, String kind, int skip) throws IOException {
		List<String> entries = new ArrayList<>();
		String line;
		do {
			line = client.readLine();
			assertThat(line).startsWith(kind);
			assertThat(line.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(4096);
			String[] words = line.split(" ");
			assertThat(words.length - skip).isLessThanOrEqualTo(PAGE_SIZE);
			entries.addAll(Arrays.asList(words).subList(skip, words.length));
		}
		while (line.startsWith(kind + "+ "));
		return entries;
	}

	/**
	 * A client that asks for the listing again and again and reads none of it: its queue stays under the limit
	 * (the pages are made only as it reads), it is not cut off, and once it reads it gets every listing whole.
	 */
	@Test
	void aClientThatDoesNotReadABigReplyHoldsABoundedQueueAndGetsItAllWhenItReads() throws Exception {
		Socket socket = new Socket();
		// a small window: what the client does not read stays with the server, not in the kernel's buffers
		socket.setReceiveBufferSize(4096);
		socket.connect(new InetSocketAddress("localhost", this.server.port()));
		try (ChatClient asker = new ChatClient(socket)) {
			asker.expectPrefix("HELLO ");
			asker.name(LineServer.uniqueName("sleeper"));
			asker.send("/register " + asker.name() + " password1").expect("OK register " + asker.name());
			int asks = 40;
			StringBuilder burst = new StringBuilder();
			for (int i = 0; i < asks; i++) {
				burst.append("/rooms\n");
			}
			asker.sendRaw(burst.toString().getBytes());
			Session session = this.sessions.all()
				.stream()
				.filter(s -> asker.name().equals(s.user()))
				.findFirst()
				.orElseThrow();
			// more than the kernel's buffers take in: the writer is held by the client by now
			await().atMost(Duration.ofSeconds(10)).until(() -> session.linesIn() >= asks + 1);
			await().during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(3))
				.until(() -> !session.isEnding() && session.sendQueueBytes() <= QUEUE_LIMIT);
			// the writer waits for the client: it stops making pages when the kernel's buffers are full, with many
			// of the 40 x 30 pages still to make
			long written = session.linesOut();
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> session.linesOut() == written);
			assertThat(written).isLessThan((long) asks * ROOMS / PAGE_SIZE);
			int endings = 0;
			while (endings < asks) {
				String line = asker.readLine();
				assertThat(line).startsWith("ROOMS");
				if (line.startsWith("ROOMS ")) {
					endings++;
				}
			}
			asker.send("/ping awake").expect("PONG awake");
		}
	}

}
