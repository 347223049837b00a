package io.parley.limits;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/** {@code parley.broadcast.enabled=false}: nobody broadcasts from a chat session, not even an admin. */
@ParleyTest(properties = "parley.broadcast.enabled=false")
class BroadcastSwitchTest {

	@Autowired
	LineServer server;

	@Autowired
	IrcGateway irc;

	@Test
	void broadcastsOffAreRefusedOnBothProtocolsAndReachNobody() throws Exception {
		try (ChatClient listener = this.server.register("listener"); ChatClient caller = this.server.register("caller");
				IrcSocket admin = this.irc.connect().logIn("admin", AdminHttp.ADMIN_PASSWORD)) {
			caller.send("/all anyone?").expect("ERR forbidden broadcasts are off on this server; say it in a room");
			admin.send("PRIVMSG $* :anyone?")
				.expect("FAIL * FORBIDDEN :broadcasts are off on this server; say it in a room");
			listener.send("/ping nothing-before").expect("PONG nothing-before");
		}
	}

}
