package io.parley.support;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * Parley's web page in a browser tab, driven through its {@code data-testid}s only (docs/web-client.md), as a
 * test outside the project would drive it. Playwright's assertions wait (5 s by default) for the page to settle.
 */
public final class ChatPage {

	private final Page page;

	public ChatPage(Page page, int httpPort) {
		this.page = page;
		page.navigate("http://localhost:" + httpPort + "/");
	}

	public Page page() {
		return this.page;
	}

	public ChatPage signIn(String name, String password) {
		this.page.getByTestId("login-name").fill(name);
		this.page.getByTestId("login-password").fill(password);
		this.page.getByTestId("login-submit").click();
		assertConnected();
		return this;
	}

	public ChatPage register(String name, String password) {
		this.page.getByTestId("register-toggle").click();
		return signIn(name, password);
	}

	public ChatPage guest(String name) {
		this.page.getByTestId("login-name").fill(name);
		this.page.getByTestId("guest-submit").click();
		assertConnected();
		return this;
	}

	public void assertConnected() {
		assertThat(this.page.getByTestId("connection-status")).hasText("connected");
	}

	/** Joins a room through the join field, and waits until it is open. */
	public ChatPage join(String room) {
		showSidebar();
		this.page.getByTestId("join-room").fill(room);
		this.page.getByTestId("join-room").press("Enter");
		assertThat(this.page.getByTestId("conversation-title")).hasText(room);
		return this;
	}

	/** Opens a room or conversation from the sidebar. */
	public ChatPage open(String name) {
		showSidebar();
		roomItem(name).getByRole(AriaRole.BUTTON).click();
		assertThat(this.page.getByTestId("conversation-title")).hasText(name);
		return this;
	}

	/** On a phone-sized screen the sidebar is behind its button. */
	private void showSidebar() {
		if (this.page.getByTestId("menu-toggle").isVisible()
				&& !this.page.getByTestId("join-room").isVisible()) {
			this.page.getByTestId("menu-toggle").click();
		}
	}

	/** The sidebar's item for a room or conversation: its name, and its unread count when it has one. */
	public Locator roomItem(String name) {
		// names are letters, digits, _ and -: nothing a regular expression would read otherwise
		return this.page.getByTestId("room-item").filter(new Locator.FilterOptions().setHasText(
				Pattern.compile("^" + name + "\\d*$")));
	}

	/** Types into the composer and sends with Enter. */
	public ChatPage say(String text) {
		this.page.getByTestId("composer").fill(text);
		this.page.getByTestId("composer").press("Enter");
		return this;
	}

	public Locator messages() {
		return this.page.getByTestId("message-list").getByTestId("message");
	}

	/** Waits for a message holding {@code text}; returns it. */
	public Locator expectMessage(String text) {
		Locator message = messages().filter(new Locator.FilterOptions().setHasText(text));
		assertThat(message.first()).isVisible();
		return message;
	}

	/** The texts of the messages shown, in order. */
	public List<String> messageTexts() {
		return messages().allTextContents();
	}

}
