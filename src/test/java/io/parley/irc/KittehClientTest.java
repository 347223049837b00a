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
import org.kitteh.irc.client.library.Client.Builder.Server.SecurityType;
import org.kitteh.irc.client.library.event.channel.ChannelJoinEvent;
import org.kitteh.irc.client.library.event.channel.ChannelMessageEvent;
import org.kitteh.irc.client.library.event.client.ClientReceiveNumericEvent;
import org.kitteh.irc.client.library.event.user.PrivateMessageEvent;
import org.kitteh.irc.client.library.event.user.PrivateNoticeEvent;
import org.kitteh.irc.client.library.event.user.UserQuitEvent;
import org.kitteh.irc.client.library.feature.auth.SaslPlain;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * A third-party IRC library (Kitteh IRC Client Library) against the gateway, with a line-protocol user: what
 * bots and clients do, rather than what our own test client does. Kitteh works on threads of its own, so every
 * step waits for the event that says it is done before the next.
 */
@ParleyTest
class KittehClientTest {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@Autowired
	IrcGateway irc;

	@Autowired
	LineServer server;

	@Autowired
	AdminHttp http;

	/** What the Kitteh client saw, as short lines (say {@code join #lobby bob}) to wait for. */
	private final Queue<String> seen = new ConcurrentLinkedQueue<>();

	/** The raw lines both ways, shown when a wait fails. */
	private final Queue<String> wire = new ConcurrentLinkedQueue<>();

	private Client client;

	@AfterEach
	void shutDown() {
		if (this.client != null) {
			this.client.shutdown();
		}
	}

	@Test
	void logsInWithSaslJoinsTheLobbyAndTalksWithALineUserBothWays() throws Exception {
		String name = this.http.createUser("kitteh");
		try (ChatClient line = this.server.register("liner")) {
			line.send("/join lobby").expect("OK join lobby");
			this.client = saslClient(name, this.irc.port(), this.wire);
			this.client.getEventManager().registerEventListener(this);
			this.client.connect();
			awaitSeen("numeric 903");
			awaitSeen("numeric 1");
			assertThat(this.client.getNick()).isEqualTo(name);

			this.client.addChannel("#lobby");
			awaitSeen("join #lobby " + name);
			line.expect("JOIN lobby " + name);
			await().atMost(PATIENCE).until(() -> this.client.getChannel("#lobby")
				.map(c -> c.getNicknames().contains(line.name()))
				.orElse(false));

			line.send("hello kitteh");
			awaitSeen("message #lobby " + line.name() + " hello kitteh");
			this.client.sendMessage("#lobby", "hello line");
			line.expect("ROOM lobby " + name + " hello line");

			line.send("/msg " + name + " just us");
			awaitSeen("private " + line.name() + " just us");
			this.client.sendMessage(line.name(), "just us two");
			line.expect("MSG " + name + " just us two");

			line.send("/all everyone");
			awaitSeen("notice " + line.name() + " everyone");

			try (ChatClient other = this.server.register("passer")) {
				other.send("/join lobby").expect("OK join lobby");
				// the lobby's last lines, replayed to a new member (issue 17)
				other.expect("HISTORY lobby join");
				while (!other.readLine().startsWith("HISTORY-END lobby ")) {
					// a HIST line
				}
				awaitSeen("join #lobby " + other.name());
				line.expect("JOIN lobby " + other.name());
				other.send("/quit see you").expect("BYE see you");
				awaitSeen("quit " + other.name() + " Quit: see you");
				line.expect("LEAVE lobby " + other.name());
			}

			// the ISUPPORT tokens Kitteh read as malformed (PREFIX=()) are gone (issue 18)
			assertThat(this.wire).noneMatch(l -> l.startsWith("!! ") && (l.contains("ISUPPORT") || l.contains("PREFIX")));
			this.client.shutdown("bye from kitteh");
			line.expect("LEAVE lobby " + name);
		}
	}

	/**
	 * A Kitteh client for the account {@code name} (password {@code password1}, by SASL PLAIN) on the gateway, its
	 * lines both ways in {@code wire}; not connected yet.
	 */
	static Client saslClient(String name, int port, Queue<String> wire) {
		Client client = Client.builder()
			.nick(name)
			.user("kitteh")
			.realName("Kitteh test")
			.server()
			.host("127.0.0.1")
			.port(port, SecurityType.INSECURE)
			.then()
			.listeners()
			.input(in -> wire.add("<< " + in))
			.output(out -> wire.add(">> " + out))
			// Kitteh reports, not fatally, that the connection is plain text (it no longer complains about PREFIX,
			// now (qov)~@+): kept with the wire, not printed
			.exception(ex -> wire.add("!! " + ex))
			.then()
			.build();
		client.getAuthManager().addProtocol(new SaslPlain(client, name, "password1"));
		return client;
	}

	private void awaitSeen(String event) {
		try {
			await().atMost(PATIENCE).until(() -> this.seen.contains(event));
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
	public void message(ChannelMessageEvent event) {
		this.seen.add("message " + event.getChannel().getName() + " " + event.getActor().getNick() + " "
				+ event.getMessage());
	}

	@Handler
	public void privateMessage(PrivateMessageEvent event) {
		this.seen.add("private " + event.getActor().getNick() + " " + event.getMessage());
	}

	@Handler
	public void notice(PrivateNoticeEvent event) {
		this.seen.add("notice " + event.getActor().getNick() + " " + event.getMessage());
	}

	@Handler
	public void quit(UserQuitEvent event) {
		this.seen.add("quit " + event.getActor().getNick() + " " + event.getMessage());
	}


}
