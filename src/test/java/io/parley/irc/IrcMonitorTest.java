package io.parley.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * MONITOR over a real socket: where each nick stands at once, 730 when it registers or a client takes it, 731
 * when it quits or is left; - stops, C clears, L lists comma-separated, S tells again; masks are never online;
 * past the list's size 734; a MONITOR without a subcommand or with an unknown one is refused.
 */
@ParleyTest
@TestPropertySource(properties = "parley.accounts.guests=true")
class IrcMonitorTest {

	@Autowired
	IrcGateway irc;


	@Test
	void aWatcherIsToldWhenANickComesOnlineChangesAndGoesOffline() throws Exception {
		String me = LineServer.uniqueName("watcher");
		String them = LineServer.uniqueName("watched");
		String renamed = LineServer.uniqueName("renamed");
		try (IrcSocket watcher = this.irc.guest(me, "m", null)) {
			watcher.send("MONITOR + " + them + ",*!m@parley");
			watcher.expect(":parley 731 " + me + " :" + them);
			watcher.expect(":parley 731 " + me + " :*!m@parley");
			try (IrcSocket watched = this.irc.guest(them, "m", null)) {
				watcher.expect(":parley 730 " + me + " :" + them + "!m@parley");
				watcher.send("MONITOR S");
				assertThat(List.of(watcher.readLine(), watcher.readLine())).containsExactlyInAnyOrder(
						":parley 730 " + me + " :" + them + "!m@parley", ":parley 731 " + me + " :*!m@parley");
				watched.send("NICK " + them.toUpperCase());
				watched.send("NICK " + renamed);
				watcher.expect(":parley 731 " + me + " :" + them.toUpperCase());
				watched.send("NICK " + them);
				watcher.expect(":parley 730 " + me + " :" + them + "!m@parley");
				watched.send("QUIT :bye");
				watcher.expect(":parley 731 " + me + " :" + them);
			}
			watcher.send("MONITOR L");
			assertThat(watcher.readLine()).isIn(":parley 732 " + me + " :" + them + ",*!m@parley",
					":parley 732 " + me + " :*!m@parley," + them);
			watcher.expect(":parley 733 " + me + " :End of MONITOR list");
			watcher.send("MONITOR - " + them).send("MONITOR C").send("MONITOR L");
			watcher.expect(":parley 733 " + me + " :End of MONITOR list");
			try (IrcSocket again = this.irc.guest(them, "m", null)) {
				watcher.expectNothing(Duration.ofMillis(500));
			}
		}
	}

	@Test
	void theListIsBoundedAndBadSubcommandsAreRefused() throws Exception {
		String me = LineServer.uniqueName("bounded");
		try (IrcSocket watcher = this.irc.guest(me, "m", null)) {
			watcher.send("MONITOR");
			watcher.expect(":parley 461 " + me + " MONITOR :Not enough parameters");
			watcher.send("MONITOR X nick");
			watcher.expect(":parley 421 " + me + " MONITOR :Unknown MONITOR subcommand");
			List<String> nicks = new ArrayList<>();
			for (int n = 0; n < IrcMonitor.MAX_TARGETS; n++) {
				nicks.add("nobody" + n);
			}
			watcher.send("MONITOR + " + String.join(",", nicks.subList(0, 50)));
			watcher.send("MONITOR + " + String.join(",", nicks.subList(50, 100)));
			for (int n = 0; n < IrcMonitor.MAX_TARGETS; n++) {
				assertThat(watcher.readLine()).startsWith(":parley 731 ");
			}
			watcher.send("MONITOR + one,two");
			watcher.expect(":parley 734 " + me + " 100 one,two :Monitor list is full.");
			watcher.send("MONITOR L");
			assertThat(watcher.readThrough("733")).hasSize(11);
		}
	}

}
