package io.parley.irc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import net.engio.mbassy.listener.Handler;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kitteh.irc.client.library.Client;
import org.kitteh.irc.client.library.element.Channel;
import org.kitteh.irc.client.library.event.channel.ChannelJoinEvent;
import org.kitteh.irc.client.library.event.channel.ChannelKickEvent;
import org.kitteh.irc.client.library.event.channel.ChannelModeEvent;
import org.kitteh.irc.client.library.event.channel.ChannelTopicEvent;
import org.kitteh.irc.client.library.event.client.ClientReceiveNumericEvent;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * A third-party IRC library (Kitteh) in a room a line-protocol user owns: it reads the owner's and operators'
 * prefixes, topics and mode changes the line user makes, and its own kick and topic reach the line users. Its
 * complaints about ISUPPORT (PREFIX, CHANMODES) are gone.
 */
@ParleyTest
class KittehRoomsTest {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@Autowired
	IrcGateway irc;

	@Autowired
	LineServer server;

	@Autowired
	AdminHttp http;

	private final Queue<String> seen = new ConcurrentLinkedQueue<>();

	private final Queue<String> wire = new ConcurrentLinkedQueue<>();

	private Client client;

	@AfterEach
	void shutDown() {
		if (this.client != null) {
			this.client.shutdown();
		}
	}

	@Test
	void kittehSeesRolesTopicsAndModesALineOwnerMakesAndItsKickReachesLineUsers() throws Exception {
		String name = this.http.createUser("kit");
		String room = LineServer.uniqueName("kroom").toLowerCase();
		try (ChatClient owner = this.server.register("kowner"); ChatClient guest = this.server.register("kguest")) {
			owner.send("/join " + room).expect("OK join " + room);
			owner.send("/topic " + room + " first topic").expect("TOPIC " + room + " " + owner.name() + " first topic");
			guest.send("/join " + room).expect("OK join " + room);
			owner.expect("JOIN " + room + " " + guest.name());
			this.client = KittehClientTest.saslClient(name, this.irc.port(), this.wire);
			this.client.getEventManager().registerEventListener(this);
			this.client.connect();
			awaitSeen("numeric 1");
			this.client.addChannel("#" + room);
			awaitSeen("join #" + room + " " + name);
			owner.expect("JOIN " + room + " " + name);
			guest.expect("JOIN " + room + " " + name);
			// Kitteh asks for multi-prefix: every prefix of a rank, so the owner is ~@+ and an operator @+
			await().atMost(PATIENCE).until(() -> prefixes(owner.name()).equals("~@+"));
			assertThat(channel().getTopic().getValue()).contains("first topic");

			owner.send("/op " + room + " " + name).expect("ROLE " + room + " " + owner.name() + " " + name + " operator");
			awaitSeen("mode #" + room + " " + owner.name());
			await().atMost(PATIENCE).until(() -> prefixes(name).equals("@+"));
			owner.send("/topic " + room + " second topic").expect("TOPIC " + room + " " + owner.name() + " second topic");
			awaitSeen("topic #" + room + " second topic");

			// Kitteh's own kick and topic, as an operator
			this.client.sendRawLine("KICK #" + room + " " + guest.name() + " :out you go");
			guest.expect("ROLE " + room + " " + owner.name() + " " + name + " operator");
			guest.expect("TOPIC " + room + " " + owner.name() + " second topic");
			guest.expect("KICK " + room + " " + name + " " + guest.name() + " out you go");
			owner.expect("KICK " + room + " " + name + " " + guest.name() + " out you go");
			awaitSeen("kick #" + room + " " + guest.name());
			channel().setTopic("kitteh's topic");
			owner.expect("TOPIC " + room + " " + name + " kitteh's topic");
			assertThat(this.wire).noneMatch(l -> l.startsWith("!!") && (l.contains("PREFIX") || l.contains("CHANMODES")
					|| l.contains("ISUPPORT")));
		}
	}

	private Channel channel() {
		return this.client.getChannel("#" + this.client.getChannels().iterator().next().getName().substring(1))
			.orElseThrow();
	}

	private String prefixes(String nick) {
		return this.client.getChannels()
			.stream()
			.findFirst()
			.flatMap(c -> c.getUserModes(nick))
			.map(modes -> modes.stream().map(m -> String.valueOf(m.getNickPrefix())).reduce("", String::concat))
			.orElse("");
	}

	private void awaitSeen(String event) {
		try {
			await().atMost(PATIENCE).until(() -> this.seen.stream().anyMatch(s -> s.startsWith(event)));
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("Kitteh never saw: " + event + "\nit saw: " + this.seen + "\nthe wire: "
					+ String.join("\n", this.wire), ex);
		}
	}

	@Handler
	public void numeric(ClientReceiveNumericEvent event) {
		this.seen.add("numeric " + event.getNumeric());
	}

	@Handler
	public void join(ChannelJoinEvent event) {
		this.seen.add("join " + event.getChannel().getName() + " " + event.getUser().getNick());
	}

	@Handler
	public void mode(ChannelModeEvent event) {
		this.seen.add("mode " + event.getChannel().getName() + " " + event.getActor().getName() + " "
				+ event.getStatusList());
	}

	@Handler
	public void topic(ChannelTopicEvent event) {
		this.seen.add("topic " + event.getChannel().getName() + " " + event.getNewTopic().getValue().orElse(""));
	}

	@Handler
	public void kick(ChannelKickEvent event) {
		this.seen.add("kick " + event.getChannel().getName() + " " + event.getTarget().getNick());
	}

}
