package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.ChatClient;
import io.parley.support.ParleyTest;
import io.parley.support.LineServer;

/** Every member of a room sees its lines in one and the same order, and each sender's lines in the order sent. */
@ParleyTest
class RoomOrderingTest {

	private static final int SENDERS = 3;

	private static final int LINES_EACH = 200;

	@Autowired
	LineServer server;

	@Test
	void everyMemberSeesConcurrentSendersInOneOrder() throws Exception {
		String room = LineServer.uniqueName("order");
		List<ChatClient> clients = new ArrayList<>();
		ExecutorService executor = Executors.newFixedThreadPool(SENDERS + 3);
		try {
			List<ChatClient> senders = new ArrayList<>();
			for (int i = 0; i < SENDERS; i++) {
				senders.add(register(clients, "sender"));
			}
			ChatClient listener1 = register(clients, "listener");
			ChatClient listener2 = register(clients, "listener");
			ChatClient listener1Again = login(clients, listener1.name());
			List<ChatClient> listeners = List.of(listener1, listener2, listener1Again);
			for (ChatClient client : clients) {
				client.send("/join " + room);
				readPastJoins(client, room, "OK join " + room);
			}
			for (ChatClient client : clients) {
				client.send("/ping sync");
				readPastJoins(client, room, "PONG sync");
			}

			CyclicBarrier start = new CyclicBarrier(SENDERS);
			List<CompletableFuture<Void>> sending = new ArrayList<>();
			for (int s = 0; s < SENDERS; s++) {
				ChatClient sender = senders.get(s);
				boolean useSay = (s == 0);
				sending.add(CompletableFuture.runAsync(() -> {
					try {
						start.await(10, TimeUnit.SECONDS);
						for (int n = 0; n < LINES_EACH; n++) {
							sender.send(useSay ? "/say " + room + " " + sender.name() + "-" + n : sender.name() + "-" + n);
						}
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				}, executor));
			}
			List<CompletableFuture<List<String>>> reading = new ArrayList<>();
			for (ChatClient listener : listeners) {
				reading.add(CompletableFuture.supplyAsync(() -> read(listener, SENDERS * LINES_EACH), executor));
			}
			CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
			List<String> sequence = reading.get(0).get(30, TimeUnit.SECONDS);

			for (int i = 1; i < reading.size(); i++) {
				assertThat(reading.get(i).get(30, TimeUnit.SECONDS)).as("lines seen by listener %d", i)
					.containsExactlyElementsOf(sequence);
			}
			for (ChatClient sender : senders) {
				String prefix = "ROOM " + room + " " + sender.name() + " " + sender.name() + "-";
				List<String> own = sequence.stream().filter(line -> line.startsWith(prefix)).toList();
				List<String> expected = new ArrayList<>();
				for (int n = 0; n < LINES_EACH; n++) {
					expected.add(prefix + n);
				}
				assertThat(own).as("lines of %s in the order sent", sender.name()).containsExactlyElementsOf(expected);
				List<String> others = sequence.stream().filter(line -> !line.startsWith(prefix)).toList();
				assertThat(read(sender, others.size())).as("lines seen by sender %s", sender.name())
					.containsExactlyElementsOf(others);
			}
			for (ChatClient client : clients) {
				client.send("/ping done");
				client.expect("PONG done");
			}
		}
		finally {
			executor.shutdownNow();
			for (ChatClient client : clients) {
				client.close();
			}
		}
	}

	/** A joiner's confirmation comes first: before it, the client cannot know the lines are for a room it is in. */
	@Test
	void joiningABusyRoomIsConfirmedBeforeAnyOfItsLines() throws Exception {
		String room = LineServer.uniqueName("busy");
		List<ChatClient> clients = new ArrayList<>();
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			// one talker: it reads nothing, and as the only other member it is sent nothing
			ChatClient talker = register(clients, "talker");
			talker.send("/join " + room).expect("OK join " + room);
			CompletableFuture<Void> talking = CompletableFuture.runAsync(() -> {
				try {
					for (int n = 0; n < 30_000; n++) {
						talker.send("busy-" + n);
					}
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}, executor);
			ChatClient joiner = register(clients, "joiner");
			for (int cycle = 0; cycle < 300; cycle++) {
				joiner.send("/join " + room).expect("OK join " + room);
				joiner.send("/leave " + room);
				String line;
				while (!(line = joiner.readLine()).equals("OK leave " + room)) {
					// the room's last lines, replayed as a history block after the OK (issue 17), then live ones
					assertThat(line).matches("(ROOM|HIST) " + room + " .*|HISTORY " + room + " join|HISTORY-END " + room + " .*");
				}
			}
			talking.get(60, TimeUnit.SECONDS);
		}
		finally {
			executor.shutdownNow();
			for (ChatClient client : clients) {
				client.close();
			}
		}
	}

	private ChatClient register(List<ChatClient> clients, String prefix) throws IOException {
		ChatClient client = this.server.register(prefix);
		clients.add(client);
		return client;
	}

	private ChatClient login(List<ChatClient> clients, String name) throws IOException {
		ChatClient client = this.server.connect();
		clients.add(client);
		client.send("/login " + name + " password1");
		client.expect("OK login " + name);
		client.name(name);
		return client;
	}

	/** Reads up to {@code expected}: what comes before it can only be JOINs of this room. */
	private static void readPastJoins(ChatClient client, String room, String expected) throws IOException {
		String line;
		while (!(line = client.readLine()).equals(expected)) {
			assertThat(line).startsWith("JOIN " + room + " ");
		}
	}

	private static List<String> read(ChatClient client, int count) {
		List<String> lines = new ArrayList<>(count);
		try {
			for (int i = 0; i < count; i++) {
				lines.add(client.readLine());
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return lines;
	}

}
