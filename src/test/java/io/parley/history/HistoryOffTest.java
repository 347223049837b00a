package io.parley.history;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/** With {@code parley.history.enabled=false}: nothing kept, offline refused as before, the commands say so. */
@ParleyTest(properties = "parley.history.enabled=false")
class HistoryOffTest {

	@Autowired
	LineServer server;

	@Autowired
	IrcGateway irc;

	@Autowired
	AdminHttp http;

	@Test
	void historyOffRefusesClearlyOnBothProtocols() throws Exception {
		String bob = this.http.createUser("bob");
		String room = LineServer.uniqueName("off");
		try (ChatClient alice = this.server.register("alice"); IrcSocket ann = this.irc.logIn(this.http.createUser("ann"))) {
			alice.send("/msg " + bob + " hi").expect("ERR offline " + bob + " is not online; try again later");
			alice.send("/join " + room).expect("OK join " + room);
			alice.send("/history " + room).expect("ERR forbidden history is off on this server");
			ann.send("CAP LS 302").expect(":parley CAP " + ann.nick() + " LS :sasl=PLAIN server-time message-tags batch "
					+ "echo-message labeled-response multi-prefix cap-notify userhost-in-names draft/read-marker "
					+ "extended-monitor away-notify setname draft/account-registration=before-connect "
					+ "draft/metadata-3=before-connect,max-subs=50,max-keys=20,max-value-bytes=300 parley.io/e2e");
			ann.send("CHATHISTORY LATEST #" + room + " * 10").expect(":parley 421 " + ann.nick() + " CHATHISTORY :Unknown command");
		}
	}

}
