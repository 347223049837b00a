package io.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;

import io.parley.support.Chromium;
import io.parley.support.ChatPage;
import io.parley.support.ParleyTest;

/**
 * What the page does with stored history ({@code CHATHISTORY}, issue 17) and room roles ({@code NAMES} prefixes,
 * issue 16), which this branch's server does not have yet: the page comes from the real server, and its
 * WebSocket is answered by a scripted IRC server in the browser (Playwright's {@code routeWebSocket}) that
 * offers {@code draft/chathistory} and {@code PREFIX=(ov)@+}, as those features will. The page fetches the
 * latest page of a room on joining, scrolls back page by page without doubling a line, separates days, keeps
 * a reader's place when a line comes while scrolled up, and shows roles with the moderation actions an
 * operator may take. (Without the capability the page offers no scroll-back: {@link WebPageTest}.)
 */
@ExtendWith(Chromium.class)
@ParleyTest
class WebPageHistoryAndRolesTest {

	/** 200 lines, one an hour, ending now: they span days. */
	private static final Instant NEWEST = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	@LocalServerPort
	int httpPort;

	@Test
	void historyScrollsBackPageByPageAndRolesShowWithTheirActions(Browser browser) {
		Queue<String> received = new ConcurrentLinkedQueue<>();
		try (BrowserContext context = browser.newContext()) {
			Page tab = context.newPage();
			WebSocketRoute[] socket = new WebSocketRoute[1];
			tab.routeWebSocket("**/irc", ws -> {
				socket[0] = ws;
				ws.onMessage(frame -> answer(ws, frame.text(), received));
			});
			ChatPage page = new ChatPage(tab, this.httpPort).guest("me").join("#hist");

			assertThat(tab.getByTestId("topic")).hasText("Plans for the week");
			page.expectMessage("history 200");
			assertThat(page.messages()).hasCount(50);
			assertThat(page.messages().first()).containsText("history 151");
			assertThat(tab.getByTestId("day-separator").first()).isVisible();

			tab.getByTestId("load-older").click();
			assertThat(page.messages()).hasCount(100);
			assertThat(page.messages().first()).containsText("history 101");
			List<String> texts = page.messageTexts();
			assertThat(texts).doesNotHaveDuplicates();
			assertThat(received).contains("CHATHISTORY LATEST #hist * 50", "CHATHISTORY BEFORE #hist msgid=m151 50");

			// scrolled up to read, a new line does not move the view
			tab.getByTestId("message-list").evaluate("list => list.scrollTop = 200");
			double before = ((Number) tab.getByTestId("message-list").evaluate("list => list.scrollTop")).doubleValue();
			socket[0].send("@time=" + Instant.now() + ";msgid=live1 :carol!carol@fake PRIVMSG #hist :a new line");
			page.expectMessage("a new line");
			assertThat(((Number) tab.getByTestId("message-list").evaluate("list => list.scrollTop")).doubleValue())
				.isEqualTo(before);

			assertThat(tab.getByTestId("member")).hasCount(3);
			assertThat(tab.getByTestId("member").nth(0)).hasAttribute("data-role", "operator");
			assertThat(tab.getByTestId("member").nth(1)).hasAttribute("data-role", "voice");
			assertThat(tab.getByTestId("member").nth(2)).hasAttribute("data-role", "member");
			assertThat(tab.getByTestId("member").nth(0)).containsText("@me");
			tab.getByTestId("member").nth(2).getByTestId("member-op").click();
			tab.getByTestId("member").nth(1).getByTestId("member-kick").click();
			await().atMost(Duration.ofSeconds(5))
				.until(() -> received.contains("MODE #hist +o dave") && received.contains("KICK #hist carol"));
		}
	}

	/** The scripted server: registration, a room with roles, and history pages of 50. */
	private static void answer(WebSocketRoute ws, String line, Queue<String> received) {
		received.add(line);
		String[] words = line.split(" ");
		switch (words[0]) {
			case "CAP" -> {
				if (words[1].equals("LS")) {
					ws.send(":fake CAP * LS :server-time message-tags batch draft/chathistory");
				}
				else if (words[1].equals("REQ")) {
					ws.send(":fake CAP me ACK " + line.substring(line.indexOf(':')));
				}
				else if (words[1].equals("END")) {
					ws.send(":fake 001 me :Welcome");
					ws.send(":fake 005 me PREFIX=(ov)@+ CHANTYPES=# :are supported by this server");
					ws.send(":fake 376 me :End of /MOTD command.");
				}
			}
			case "JOIN" -> {
				ws.send(":me!me@fake JOIN #hist");
				ws.send(":fake 332 me #hist :Plans for the week");
				ws.send(":fake 353 me = #hist :dave +carol @me");
				ws.send(":fake 366 me #hist :End of /NAMES list.");
			}
			case "CHATHISTORY" -> {
				int last = words[1].equals("LATEST") ? 200 : Integer.parseInt(words[3].substring("msgid=m".length())) - 1;
				ws.send(":fake BATCH +h" + last + " chathistory #hist");
				for (int n = last - 49; n <= last; n++) {
					ws.send("@batch=h" + last + ";msgid=m" + n + ";time=" + NEWEST.minus(200 - n, ChronoUnit.HOURS)
							+ " :carol!carol@fake PRIVMSG #hist :history " + n);
				}
				ws.send(":fake BATCH -h" + last);
			}
			default -> {
			}
		}
	}

}
