package io.parley.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parley.ParleyApplication;

/**
 * Parley in a JVM of its own, started from the test class path: for what an in-process server cannot show,
 * such as a {@code kill -9} or the server's own heap, threads and RSS. It runs in its directory with the packaged
 * defaults there, so its accounts are in the default file database, {@code ./data/parley}, which a later start
 * in the same directory opens again. Each start's output goes to a {@code server-<n>.log} of its own.
 */
public final class ParleyProcess implements AutoCloseable {

	public static final String ADMIN_PASSWORD = "process-admin-1";

	private static final Pattern METRIC_VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)");

	private final Process process;

	private final Path log;

	private final int linePort;

	private final int ircPort;

	private final int httpPort;

	private ParleyProcess(Process process, Path log, int linePort, int ircPort, int httpPort) {
		this.process = process;
		this.log = log;
		this.linePort = linePort;
		this.ircPort = ircPort;
		this.httpPort = httpPort;
	}

	/**
	 * Starts Parley with its database in {@code directory} and waits until its line port accepts. {@code settings}
	 * ({@code key=value}) override the defaults here, which lift the abuse limits.
	 */
	public static ParleyProcess start(Path directory, List<String> jvmOptions, String... settings) throws IOException {
		int linePort = freePort();
		int ircPort = freePort();
		int httpPort = freePort();
		Path log = nextLog(Files.createDirectories(directory));
		Process process = new ProcessBuilder(command(jvmOptions, linePort, ircPort, httpPort, settings))
			.directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		ParleyProcess parley = new ParleyProcess(process, log, linePort, ircPort, httpPort);
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
			if (!process.isAlive()) {
				throw new IllegalStateException("Parley exited with " + process.exitValue() + ": see " + parley.log());
			}
			return parley.accepts();
		});
		return parley;
	}

	/**
	 * Starts Parley as {@link #start} does, with {@code settings}, expecting it not to start: waits for it to exit
	 * and returns its exit code and everything it printed. Fails when it is still running after 90 seconds.
	 */
	public static Exit startExpectingFailure(Path directory, String... settings) throws IOException,
			InterruptedException {
		Path log = nextLog(Files.createDirectories(directory));
		Process process = new ProcessBuilder(command(List.of(), freePort(), freePort(), freePort(), settings))
			.directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		if (!process.waitFor(90, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("Parley is still running, though it should have failed: see " + log);
		}
		return new Exit(process.exitValue(), Files.readString(log));
	}

	/** How a process ended: its exit code and its output. */
	public record Exit(int code, String output) {
	}

	private static List<String> command(List<String> jvmOptions, int linePort, int ircPort, int httpPort,
			String... settings) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("parley.tcp.port", Integer.toString(linePort));
		values.put("parley.irc.port", Integer.toString(ircPort));
		values.put("server.port", Integer.toString(httpPort));
		values.put("parley.admin.password", ADMIN_PASSWORD);
		values.putAll(StandaloneParley.LIFTED_LIMITS);
		for (String setting : settings) {
			int equals = setting.indexOf('=');
			values.put(setting.substring(0, equals), setting.substring(equals + 1));
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(ParleyApplication.class.getName());
		values.forEach((key, value) -> command.add("--" + key + "=" + value));
		return command;
	}

	private static Path nextLog(Path directory) {
		for (int n = 1;; n++) {
			Path log = directory.resolve("server-" + n + ".log");
			if (!Files.exists(log)) {
				return log;
			}
		}
	}

	/**
	 * A port free now, below the kernel's ephemeral range (32768 and up): a port the system hands out there may be
	 * taken, before the server binds it, by one of the many outgoing connections of a busy test machine, and the
	 * server would then refuse to start.
	 */
	private static int freePort() throws IOException {
		for (int tries = 0; tries < 200; tries++) {
			int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
			try (ServerSocket socket = new ServerSocket(port)) {
				return socket.getLocalPort();
			}
			catch (IOException taken) {
				// another one
			}
		}
		throw new IOException("no free port found between 20000 and 32000");
	}

	private boolean accepts() {
		try (Socket socket = new Socket("localhost", this.linePort)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	public long pid() {
		return this.process.pid();
	}

	public int linePort() {
		return this.linePort;
	}

	public int ircPort() {
		return this.ircPort;
	}

	public int httpPort() {
		return this.httpPort;
	}

	public Path log() {
		return this.log;
	}

	public List<String> logLines() {
		try {
			return Files.readAllLines(log());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A meter's value from the actuator, as an admin: {@code path} is the meter's name, with its tags as
	 * {@code ?tag=key:value}.
	 */
	public double metric(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.httpPort + "/actuator/metrics/" + path))
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
			.build();
		String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
		Matcher value = METRIC_VALUE.matcher(body);
		if (!value.find()) {
			throw new IllegalStateException("no value for " + path + ": " + body);
		}
		return Double.parseDouble(value.group(1));
	}

	/** SIGKILL: no shutdown hook, no flush, no goodbye. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	/** SIGTERM, as an operator's Ctrl-C, then waits for the graceful shutdown. */
	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			kill();
		}
	}

}
