package io.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;

import io.parley.support.AdminHttp;
import io.parley.support.Chromium;
import io.parley.support.ChatPage;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * A flood from the page meets the limits a TCP client meets: 40 lines pasted into the composer (3 at once, then
 * 5 a second, at most 2 s behind) are slowed, then cut with {@code Excess Flood}, as the same 40 lines from an
 * IRC client over TCP are; a room member sees at most the burst and what the longest lag allows of each.
 */
@ExtendWith(Chromium.class)
@ParleyTest
@TestPropertySource(properties = { "parley.limits.messages.rate=5", "parley.limits.messages.burst=3",
		"parley.limits.messages.max-lag=2s", "parley.accounts.guests=true" })
class WebPageFloodTest {

	@LocalServerPort
	int httpPort;

	@Autowired
	AdminHttp http;

	@Autowired
	IrcGateway irc;

	@Test
	void aPastedFloodIsSlowedThenCutAsOnTcp(Browser browser) throws Exception {
		String room = "#" + LineServer.uniqueName("flood");
		String pageUser = LineServer.uniqueName("paster");
		List<String> lines = IntStream.range(0, 40).mapToObj(i -> "line " + i).toList();
		try (BrowserContext context = browser.newContext();
				IrcSocket watcher = this.irc.logIn(this.http.createUser("watcher"))) {
			watcher.send("JOIN " + room).readThrough("366");
			ChatPage page = new ChatPage(context.newPage(), this.httpPort).guest(pageUser).join(room);
			watcher.readThrough("JOIN");
			page.say(String.join("\n", lines));
			int fromPage = countUntilQuit(watcher, pageUser);
			assertThat(page.page().getByTestId("connection-status")).containsText("Excess Flood");

			String tcpUser = this.http.createUser("tcpflooder");
			try (IrcSocket flooder = this.irc.logIn(tcpUser)) {
				flooder.send("JOIN " + room).readThrough("366");
				watcher.readThrough("JOIN");
				flooder.send(lines.stream().map(l -> "PRIVMSG " + room + " :" + l).collect(Collectors.toList()));
				int fromTcp = countUntilQuit(watcher, tcpUser);
				// both get the burst through and at most what the longest lag allows (3 + 5 * 2), give or take the
				// line in hand when the cut comes: the same allowance, whichever door
				assertThat(fromPage).isBetween(3, 15);
				assertThat(fromTcp).isBetween(3, 15);
			}
		}
	}

	/** Counts the room lines from {@code user} the watcher gets before its {@code QUIT :Excess Flood}. */
	private static int countUntilQuit(IrcSocket watcher, String user) throws Exception {
		List<String> seen = new ArrayList<>();
		String line;
		while (!(line = watcher.readLine()).contains(" QUIT ")) {
			if (line.startsWith(":" + user + "!") && line.contains(" PRIVMSG ")) {
				seen.add(line);
			}
		}
		assertThat(line).isEqualTo(":" + user + "!" + user + "@parley QUIT :Excess Flood");
		return seen.size();
	}

}
