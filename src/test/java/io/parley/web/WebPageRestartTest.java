package io.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;

import io.parley.support.Browsers;
import io.parley.support.ChatPage;
import io.parley.support.ParleyProcess;

/**
 * A server restart in the middle of a conversation: both pages see the drop, reconnect by themselves (signing
 * in again with the password they hold in memory), rejoin their room, and send what was typed meanwhile; every
 * line arrives, once.
 */
class WebPageRestartTest {

	private static final LocatorAssertions.HasTextOptions LONG = new LocatorAssertions.HasTextOptions()
		.setTimeout(90_000);

	/** Under target/, not a temporary directory: the servers' logs stay for a look when the test fails. */
	private final Path directory = Path.of("target", "web-restart", String.valueOf(System.nanoTime()));

	/**
	 * Starts the server again on the same HTTP port (the pages know no other). Its line and IRC ports are new
	 * free ones each time, and one may be taken between the look and the start: such a start is tried again,
	 * its log printed.
	 */
	private ParleyProcess restart(String port) throws Exception {
		for (int attempt = 1;; attempt++) {
			try {
				return ParleyProcess.start(this.directory, List.of("-Xmx256m"), port);
			}
			catch (IllegalStateException ex) {
				if (attempt == 3) {
					throw ex;
				}
				System.err.println("restart " + attempt + " failed: " + ex.getMessage());
			}
		}
	}

	@Test
	void aRestartMidConversationLosesAndDoublesNoLine() throws Exception {
		Browsers.chromium();
		int httpPort;
		try (ServerSocket free = new ServerSocket(0)) {
			httpPort = free.getLocalPort();
		}
		String port = "server.port=" + httpPort;
		ParleyProcess server = ParleyProcess.start(this.directory, List.of("-Xmx256m"), port);
		try (Playwright playwright = Browsers.playwright(); Browser browser = Browsers.launch(playwright);
				BrowserContext first = browser.newContext(); BrowserContext second = browser.newContext()) {
			ChatPage alice = new ChatPage(first.newPage(), httpPort).register("alice", "password1").join("#plans");
			ChatPage bob = new ChatPage(second.newPage(), httpPort).register("bob", "password1").join("#plans");
			alice.say("before the restart");
			bob.expectMessage("alice before the restart");

			server.close();
			assertThat(alice.page().getByTestId("connection-status")).containsText("reconnecting");
			assertThat(bob.page().getByTestId("connection-status")).containsText("reconnecting");
			alice.say("typed while it was down");
			server = restart(port);

			assertThat(alice.page().getByTestId("connection-status")).hasText("connected", LONG);
			assertThat(bob.page().getByTestId("connection-status")).hasText("connected", LONG);
			bob.expectMessage("alice typed while it was down");
			bob.say("after the restart");
			alice.expectMessage("bob after the restart");

			for (ChatPage page : List.of(alice, bob)) {
				List<String> texts = page.messageTexts();
				for (String line : List.of("before the restart", "typed while it was down", "after the restart")) {
					assertThat(texts.stream().filter(t -> t.endsWith(line)).count()).as(line + " in " + texts).isOne();
				}
				assertThat(Collections.frequency(texts, null)).isZero();
			}
		}
		finally {
			server.close();
		}
	}

}
