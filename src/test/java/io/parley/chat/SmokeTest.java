package io.parley.chat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

@ParleyTest
class SmokeTest {

	@Autowired
	LineServer server;

	@Test
	void privateMessageReachesTheAddressee() throws Exception {
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			alice.send("/msg " + bob.name() + " hello there");
			bob.expect("MSG " + alice.name() + " hello there");
		}
	}

}
