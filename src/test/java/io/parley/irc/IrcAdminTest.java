package io.parley.irc;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/** What an operator sees of IRC sessions over HTTP, and what its kicks and bans do to them. */
@ParleyTest
class IrcAdminTest {

	@Autowired
	IrcGateway irc;

	@Autowired
	LineServer server;

	@Autowired
	AdminHttp http;

	@Test
	void ircSessionsAreListedWithProtocolIrc() throws Exception {
		try (IrcSocket client = this.irc.logIn(this.http.createUser("listed"))) {
			client.send("JOIN #ops").readThrough("366");
			JsonNode sessions = this.http.admin().get("/actuator/sessions/" + client.nick()).json();
			assertThat(sessions.path("count").asInt()).isEqualTo(1);
			JsonNode session = sessions.path("sessions").get(0);
			assertThat(session.path("protocol").asString()).isEqualTo("irc");
			assertThat(session.path("user").asString()).isEqualTo(client.nick());
			assertThat(session.path("rooms").toString()).isEqualTo("[\"ops\"]");
		}
	}

	@Test
	void aKickClosesAnIrcClientWithErrorAndOthersSeeItQuit() throws Exception {
		String room = LineServer.uniqueName("kicks");
		try (ChatClient line = this.server.register("witness"); IrcSocket client = this.irc.logIn(this.http.createUser("kicked"))) {
			line.send("/join " + room).expect("OK join " + room);
			client.send("JOIN #" + room).readThrough("366");
			line.expect("JOIN " + room + " " + client.nick());

			AdminHttp.Response kicked = this.http.admin().delete("/actuator/sessions/" + client.nick() + "?reason=be%20nice");
			assertThat(kicked.json().path("closed").asInt()).isEqualTo(1);
			client.expectError("Closing Link: " + client.nick() + " (kicked be nice)");
			line.expect("LEAVE " + room + " " + client.nick());
		}
	}

	@Test
	void aBanClosesAnIrcClientWithErrorAndItsNextLoginIs465() throws Exception {
		String name = this.http.createUser("banned");
		try (IrcSocket client = this.irc.logIn(name)) {
			assertThat(this.http.admin().put("/api/admin/users/" + name + "/ban", null).status()).isEqualTo(200);
			client.expectError("Closing Link: " + name + " (banned)");
		}
		try (IrcSocket again = this.irc.connect()) {
			again.send("PASS password1").send("NICK " + name).send("USER b 0 * :b");
			again.expect(":parley 465 " + name + " :You are banned from this server");
			again.expectError("Closing Link: " + name + " (banned)");
		}
	}

}
