package io.parley.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Issue 19's "the page loads in under 1 s on loopback": Debian's Chromium, headless, loads the web client from
 * Parley's HTTP port {@code loads} times, each a first visit (the browser's cache off), after {@link #WARM_UP}
 * unrecorded loads; each load's figure is the page's own {@code loadEventEnd} (milliseconds from the navigation's
 * start to the end of its load event: the HTML, the stylesheet and the script modules fetched and run), read from
 * the page ({@code web-page/load_ms}). Driven over the DevTools protocol on the JDK's WebSocket, as the generator
 * has no dependencies. Chromium is {@code PARLEY_CHROMIUM} or Debian's; without it the figure is not taken, and the
 * run says so.
 */
final class WebPageLoads {

	/** Loads before the recorded ones: the server's handlers of the page's files compiled, as in a server up a while. */
	private static final int WARM_UP = 5;

	private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");

	private static final Pattern TARGET_ID = Pattern.compile("\"targetId\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern SESSION_ID = Pattern.compile("\"sessionId\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([-0-9.Ee+]+)");

	private final Scenarios scenarios;

	private final int httpPort;

	private final int loads;

	WebPageLoads(Scenarios scenarios, int httpPort, int loads) {
		this.scenarios = scenarios;
		this.httpPort = httpPort;
		this.loads = loads;
	}

	void loads(String rep) throws InterruptedException {
		// as the tests find it (docs/web-client.md): PARLEY_CHROMIUM, else Debian's package
		Path chromium = Stream.of(System.getenv("PARLEY_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser")
			.filter(path -> path != null && !path.isBlank()).map(Path::of).filter(Files::isExecutable).findFirst()
			.orElse(null);
		if (chromium == null) {
			System.out.println("bench: web page: NOT MEASURED, no chromium on this machine (apt-get install chromium)");
			return;
		}
		Path profile = null;
		Process browser = null;
		try {
			profile = Files.createTempDirectory("bench-chromium");
			browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
					"--no-first-run", "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
				.redirectErrorStream(true).start();
			try (DevTools devTools = DevTools.connect(devToolsAddress(browser))) {
				String target = devTools.call(null, "Target.createTarget", "{\"url\":\"about:blank\"}", TARGET_ID);
				String session = devTools.call(null, "Target.attachToTarget",
						"{\"targetId\":\"" + target + "\",\"flatten\":true}", SESSION_ID);
				devTools.call(session, "Page.enable", "{}", null);
				devTools.call(session, "Network.enable", "{}", null);
				devTools.call(session, "Network.setCacheDisabled", "{\"cacheDisabled\":true}", null);
				for (int i = 0; i < WARM_UP + this.loads; i++) {
					double ms = load(devTools, session, i);
					if (i >= WARM_UP) {
						this.scenarios.record(rep + "p" + (i - WARM_UP), "web-page", "load_ms", ms);
					}
				}
			}
		}
		catch (IOException ex) {
			System.err.println("bench: web page: " + ex.getMessage());
		}
		finally {
			if (browser != null) {
				browser.descendants().forEach(ProcessHandle::destroyForcibly);
				browser.destroyForcibly();
			}
			deleteQuietly(profile);
		}
	}

	/** One first visit: navigates, waits for the load event, reads the page's {@code loadEventEnd}. */
	private double load(DevTools devTools, String session, int i) throws IOException, InterruptedException {
		devTools.drainEvents();
		// a query of its own each time, so nothing between the browser and the server answers from a cache
		devTools.call(session, "Page.navigate",
				"{\"url\":\"http://127.0.0.1:" + this.httpPort + "/?load=" + i + "\"}", null);
		devTools.awaitEvent("Page.loadEventFired");
		// 0 until the load event's handlers have finished: read again rather than count a load as instant
		for (int attempt = 0; attempt < 100; attempt++) {
			double ms = Double.parseDouble(devTools.call(session, "Runtime.evaluate",
					"{\"expression\":\"performance.getEntriesByType('navigation')[0].loadEventEnd\",\"returnByValue\":true}",
					VALUE));
			if (ms > 0) {
				return ms;
			}
			Thread.sleep(10);
		}
		throw new IOException("load " + i + ": the page's loadEventEnd stayed 0");
	}

	private static URI devToolsAddress(Process browser) throws IOException {
		BufferedReader out = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		for (String line; System.nanoTime() < deadline && (line = out.readLine()) != null;) {
			Matcher m = DEVTOOLS.matcher(line);
			if (m.find()) {
				Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "bench-chromium-out");
				drain.setDaemon(true); // the browser's further output, read and dropped so that it never blocks on it
				drain.start();
				return URI.create(m.group(1));
			}
		}
		throw new IOException("chromium did not say where its DevTools listen");
	}

	private static void deleteQuietly(Path dir) {
		if (dir == null) {
			return;
		}
		try (Stream<Path> all = Files.walk(dir)) {
			all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException ex) {
			System.err.println("bench: web page: " + dir + " left behind: " + ex.getMessage());
		}
	}

	/** The DevTools protocol, flattened (every target's session on the browser's one socket), one call at a time. */
	private static final class DevTools implements WebSocket.Listener, AutoCloseable {

		private static final Duration TIMEOUT = Duration.ofSeconds(30);

		private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

		private final List<String> unclaimed = new ArrayList<>();

		private final StringBuilder partial = new StringBuilder();

		private final HttpClient http = HttpClient.newHttpClient();

		private WebSocket socket;

		private int lastId;

		static DevTools connect(URI uri) throws IOException {
			DevTools devTools = new DevTools();
			try {
				devTools.socket = devTools.http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(uri, devTools)
					.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IOException("DevTools at " + uri + ": " + ex, ex);
			}
			return devTools;
		}

		/** Sends a command and waits for its answer; returns {@code wanted}'s group 1 in it (null without one). */
		String call(String session, String method, String params, Pattern wanted)
				throws IOException, InterruptedException {
			int id = ++this.lastId;
			String sessionField = (session == null) ? "" : ",\"sessionId\":\"" + session + "\"";
			this.socket.sendText("{\"id\":" + id + sessionField + ",\"method\":\"" + method + "\",\"params\":" + params
					+ "}", true).join();
			String answer = await(m -> m.startsWith("{\"id\":" + id + ","));
			if (answer.contains("\"error\"")) {
				throw new IOException(method + " failed: " + answer);
			}
			if (wanted == null) {
				return null;
			}
			Matcher m = wanted.matcher(answer);
			if (!m.find()) {
				throw new IOException(method + " answered without " + wanted + ": " + answer);
			}
			return m.group(1);
		}

		void awaitEvent(String method) throws IOException, InterruptedException {
			await(m -> m.contains("\"method\":\"" + method + "\""));
		}

		/** Forgets the messages not waited for so far (the events of the loads before). */
		void drainEvents() {
			this.messages.clear();
			this.unclaimed.clear();
		}

		/** The first message, among those not claimed yet and those to come, that {@code wanted} accepts. */
		private String await(Predicate<String> wanted) throws IOException, InterruptedException {
			for (Iterator<String> i = this.unclaimed.iterator(); i.hasNext();) {
				String message = i.next();
				if (wanted.test(message)) {
					i.remove();
					return message;
				}
			}
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			for (long left; (left = deadline - System.nanoTime()) > 0;) {
				String message = this.messages.poll(left, TimeUnit.NANOSECONDS);
				if (message != null && wanted.test(message)) {
					return message;
				}
				if (message != null) {
					this.unclaimed.add(message); // an event that comes before the answer waited for
				}
			}
			throw new IOException("no DevTools message as awaited within " + TIMEOUT);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				this.messages.add(this.partial.toString());
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public void close() {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(ex -> null);
		}

	}

}
