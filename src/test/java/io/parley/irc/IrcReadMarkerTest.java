package io.parley.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.parley.support.AdminHttp;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * {@code draft/read-marker} over a real socket: MARKREAD reads and sets, a marker never moves back, a JOIN tells
 * where the client stopped before the names, an account's markers outlive its session, a guest's do not reach the
 * next guest of the same nick, and every bad MARKREAD is a FAIL.
 */
@ParleyTest
@TestPropertySource(properties = "parley.accounts.guests=true")
class IrcReadMarkerTest {

	private static final String CAP = "draft/read-marker";

	@Autowired
	IrcGateway irc;

	@Autowired
	AdminHttp http;

	private IrcSocket guest(String nick) throws Exception {
		IrcSocket socket = this.irc.connect();
		socket.send("CAP REQ :" + CAP).send("NICK " + nick).send("USER u 0 * :U").send("CAP END");
		socket.expect(":parley CAP * ACK :" + CAP);
		socket.readWelcome();
		return socket;
	}

	@Test
	void aMarkerIsSetReadBackAndNeverMovesBack() throws Exception {
		String nick = LineServer.uniqueName("reader");
		String channel = "#" + LineServer.uniqueName("marked");
		try (IrcSocket client = guest(nick)) {
			client.send("MARKREAD " + channel);
			client.expect(":parley MARKREAD " + channel + " *");
			client.send("MARKREAD " + channel + " timestamp=2019-06-01T12:00:00Z");
			client.expect(":parley MARKREAD " + channel + " timestamp=2019-06-01T12:00:00.000Z");
			client.send("MARKREAD " + channel + " timestamp=2019-01-01T00:00:00.000Z");
			client.expect(":parley MARKREAD " + channel + " timestamp=2019-06-01T12:00:00.000Z");
			client.send("MARKREAD " + channel.toUpperCase());
			client.expect(":parley MARKREAD " + channel.toUpperCase() + " timestamp=2019-06-01T12:00:00.000Z");
			List<String> join = client.send("JOIN " + channel).readThrough("366");
			assertThat(join.get(1)).isEqualTo(":parley MARKREAD " + channel + " timestamp=2019-06-01T12:00:00.000Z");
			assertThat(join.get(2)).startsWith(":parley 353 ");
		}
		// the next guest of that nick starts afresh
		try (IrcSocket next = guest(nick)) {
			next.send("MARKREAD " + channel);
			next.expect(":parley MARKREAD " + channel + " *");
		}
	}

	@Test
	void anAccountsMarkersOutliveItsSession() throws Exception {
		String name = this.http.createUser("marker");
		String other = LineServer.uniqueName("peer");
		try (IrcSocket client = this.irc.connect()) {
			client.send("CAP REQ :" + CAP).expect(":parley CAP * ACK :" + CAP);
			client.send("CAP END").logIn(name, "password1");
			client.send("MARKREAD " + other + " timestamp=2021-05-20T08:30:00.000Z");
			client.expect(":parley MARKREAD " + other + " timestamp=2021-05-20T08:30:00.000Z");
		}
		try (IrcSocket again = this.irc.logIn(name)) {
			again.send("MARKREAD " + other);
			again.expect(":parley MARKREAD " + other + " timestamp=2021-05-20T08:30:00.000Z");
		}
	}

	@Test
	void aBadMarkreadIsAFail() throws Exception {
		String nick = LineServer.uniqueName("badmark");
		try (IrcSocket client = guest(nick)) {
			client.send("MARKREAD");
			client.expect(":parley FAIL MARKREAD NEED_MORE_PARAMS :Missing parameters");
			client.send("MARKREAD #x timestamp=not-a-time");
			client.expect(":parley FAIL MARKREAD INVALID_PARAMS #x :Invalid timestamp");
			client.send("MARKREAD #x *");
			client.expect(":parley FAIL MARKREAD INVALID_PARAMS #x :Invalid timestamp");
			client.send("MARKREAD #x 2019-01-01T00:00:00Z");
			client.expect(":parley FAIL MARKREAD INVALID_PARAMS #x :Invalid timestamp");
			for (int n = 0; n < IrcReadMarkers.MAX_TARGETS; n++) {
				client.send("MARKREAD #t" + n + " timestamp=2020-01-01T00:00:00.000Z");
			}
			for (int n = 0; n < IrcReadMarkers.MAX_TARGETS; n++) {
				client.readLine();
			}
			client.send("MARKREAD #one-too-many timestamp=2020-01-01T00:00:00.000Z");
			client.expect(":parley FAIL MARKREAD LIMIT_REACHED #one-too-many :Too many read markers");
			// a target it has is still moved on
			client.send("MARKREAD #t0 timestamp=2020-02-01T00:00:00.000Z");
			client.expect(":parley MARKREAD #t0 timestamp=2020-02-01T00:00:00.000Z");
		}
	}

}
