package io.parley.support;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium driven by Playwright for Java: never a browser Playwright would download (these machines
 * cannot reach its hosts). Without Chromium the browser tests are skipped, loudly, on stderr and in the
 * report; with {@code -Dparley.require-browser=true} (or {@code PARLEY_REQUIRE_BROWSER=true}), which
 * {@code .ci/run} sets, they fail instead, so CI cannot pass without having run them.
 */
public final class Browsers {

	/** Where Debian and others put Chromium; {@code PARLEY_CHROMIUM} names another. */
	private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
			"/usr/bin/google-chrome");

	/** Root has no sandbox; the network is closed, so nothing may try to reach update or sync hosts. */
	private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
			"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage");

	private Browsers() {
	}

	/** Debian's Chromium, or a skip (a failure when browser tests are required). */
	public static Path chromium() {
		String named = System.getenv("PARLEY_CHROMIUM");
		return find(Stream.concat(Stream.ofNullable(named), CANDIDATES.stream()).toList(), required());
	}

	/** The first executable of {@code candidates}; else a loud skip, or a failure when {@code required}. */
	static Path find(List<String> candidates, boolean required) {
		Path found = candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
		if (found == null) {
			String why = "BROWSER TESTS SKIPPED: no Chromium at " + candidates
					+ " (apt-get install chromium, or set PARLEY_CHROMIUM)";
			if (required) {
				fail(why + ", and -Dparley.require-browser=true makes them mandatory");
			}
			System.err.println("\n" + "!".repeat(100) + "\n!!! " + why + "\n" + "!".repeat(100) + "\n");
			Assumptions.abort(why);
		}
		return found;
	}

	static boolean required() {
		return Boolean.getBoolean("parley.require-browser")
				|| "true".equalsIgnoreCase(System.getenv("PARLEY_REQUIRE_BROWSER"));
	}

	/** Playwright, told not to fetch browsers of its own. */
	public static Playwright playwright() {
		return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
	}

	/** Headless Chromium from {@link #chromium}. */
	public static Browser launch(Playwright playwright) {
		return playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(chromium()).setHeadless(true).setArgs(FLAGS));
	}

}
