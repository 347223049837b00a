package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.integration.channel.PublishSubscribeChannel;
import org.springframework.messaging.MessageHandler;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * What the chat core publishes on {@code chatEvents}, seen by a subscriber of its own as a history writer
 * would be: one event per thing that happened (not per recipient), with time-ordered unique ids, the id's
 * millisecond as the time, and per room a sequence without gaps; and the time IRC's server-time shows is the
 * event's.
 */
@ParleyTest
class ChatEventsTest {

	private static final DateTimeFormatter SERVER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	@Autowired
	@Qualifier("chatEvents")
	PublishSubscribeChannel chatEvents;

	@Autowired
	LineServer server;

	@Autowired
	IrcGateway irc;

	@Autowired
	AdminHttp http;

	private final List<ChatEvent> seen = new CopyOnWriteArrayList<>();

	private final MessageHandler subscriber = message -> {
		this.seen.add((ChatEvent) message.getPayload());
		// the message is the event's: same id and timestamp, no second id made per event
		ChatEvent event = (ChatEvent) message.getPayload();
		assertThat(message.getHeaders().getId()).isEqualTo(event.id().value());
		assertThat(message.getHeaders().getTimestamp()).isEqualTo(event.time().toEpochMilli());
	};

	@AfterEach
	void unsubscribe() {
		this.chatEvents.unsubscribe(this.subscriber);
	}

	@Test
	void aRoomsEventsAreNumberedInOrderWithTimeOrderedIdsAndIrcShowsTheirTime() throws Exception {
		this.chatEvents.subscribe(this.subscriber);
		String room = LineServer.uniqueName("evented");
		try (ChatClient ann = this.server.register("ann"); ChatClient bob = this.server.register("bob");
				IrcSocket timed = this.irc.connect()) {
			timed.send("CAP REQ :server-time").expect(":parley CAP * ACK :server-time");
			timed.send("CAP END").logIn(this.http.createUser("clock"), "password1");
			ann.send("/join " + room).expect("OK join " + room);
			bob.send("/join " + room).expect("OK join " + room);
			ann.expect("JOIN " + room + " " + bob.name());
			timed.send("JOIN #" + room).readThrough("366");
			ann.expect("JOIN " + room + " " + timed.nick());
			bob.expect("JOIN " + room + " " + timed.nick());
			for (int i = 0; i < 3; i++) {
				ann.send("line " + i);
				bob.expect("ROOM " + room + " " + ann.name() + " line " + i);
			}
			List<String> tagged = List.of(timed.readLine(), timed.readLine(), timed.readLine());
			bob.send("/leave " + room).expect("OK leave " + room);
			ann.expect("LEAVE " + room + " " + bob.name());

			await().atMost(Duration.ofSeconds(5)).until(() -> inRoom(room).size() == 7);
			List<ChatEvent.InRoom> events = inRoom(room);
			assertThat(events).extracting(ChatEvent.InRoom::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
			assertThat(events).extracting(e -> e.getClass().getSimpleName())
				.containsExactly("Joined", "Joined", "Joined", "RoomMessage", "RoomMessage", "RoomMessage", "Left");
			assertThat(events).extracting(ChatEvent::id).isSorted().doesNotHaveDuplicates();
			assertThat(events).allMatch(e -> e.time().equals(e.id().time()));
			// one event for the three members, and the time every IRC member is shown is the event's
			List<ChatEvent.RoomMessage> messages = events.stream()
				.filter(ChatEvent.RoomMessage.class::isInstance)
				.map(ChatEvent.RoomMessage.class::cast)
				.toList();
			for (int i = 0; i < 3; i++) {
				assertThat(messages.get(i).text()).isEqualTo("line " + i);
				assertThat(tagged.get(i)).startsWith("@time=" + SERVER_TIME.format(messages.get(i).time()) + " ")
					.endsWith(" PRIVMSG #" + room + " :line " + i);
			}
		}
	}

	@Test
	void aPrivateMessageIsOneEventWhateverTheRecipientsSessions() throws Exception {
		this.chatEvents.subscribe(this.subscriber);
		try (ChatClient ann = this.server.register("penpal"); ChatClient bob = this.server.register("reader");
				ChatClient bobAgain = this.server.connect()) {
			bobAgain.send("/login " + bob.name() + " password1").expect("OK login " + bob.name());
			ann.send("/msg " + bob.name() + " hello twice");
			bob.expect("MSG " + ann.name() + " hello twice");
			bobAgain.expect("MSG " + ann.name() + " hello twice");
			// subscribers after the delivery run on the publishing thread while the event loop may have written the
			// line already
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(this.seen).filteredOn(ChatEvent.PrivateMessage.class::isInstance)
					.singleElement()
					.satisfies(e -> assertThat(((ChatEvent.PrivateMessage) e).to()).isEqualTo(bob.name())));
		}
	}

	private List<ChatEvent.InRoom> inRoom(String room) {
		return this.seen.stream()
			.filter(ChatEvent.InRoom.class::isInstance)
			.map(ChatEvent.InRoom.class::cast)
			.filter(e -> e.room().equals(room))
			.toList();
	}

}
