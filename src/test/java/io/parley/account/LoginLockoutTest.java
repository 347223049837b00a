package io.parley.account;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

@ParleyTest
@TestPropertySource(properties = "parley.limits.login.max-failures=3")
class LoginLockoutTest {

	@Autowired
	LineServer server;

	@Test
	void repeatedWrongPasswordsLockTheLoginOutEvenWithTheRightOne() throws Exception {
		String name = LineServer.uniqueName("target");
		try (ChatClient owner = this.server.connect(); ChatClient guesser = this.server.connect()) {
			owner.send("/register " + name + " password1").expect("OK register " + name);
			for (int i = 0; i < 3; i++) {
				guesser.send("/login " + name + " guess" + i + "xyz").expectPrefix("ERR bad-credentials ");
			}
			guesser.send("/login " + name + " password1").expectPrefix("ERR rate-limited ");
		}
	}

}
