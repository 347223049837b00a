package io.parley.tcp;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

@ParleyTest(properties = "parley.tcp.login-timeout=1s")
class LoginTimeoutTest {

	@Autowired
	LineServer server;

	@Test
	void anAnonymousConnectionIsSentAwayWhenItsTimeIsUp() throws Exception {
		try (ChatClient client = this.server.connect()) {
			client.expect("BYE login-timeout");
			client.expectClosed(Duration.ofSeconds(5));
		}
	}

	@Test
	void aClientThatLogsInInTimeStays() throws Exception {
		try (ChatClient client = this.server.register("intime")) {
			client.expectNothing(Duration.ofMillis(1500));
			client.send("/ping later").expect("PONG later");
		}
	}

}
