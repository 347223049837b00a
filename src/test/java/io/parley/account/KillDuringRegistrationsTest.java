package io.parley.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.parley.ParleyApplication;
import io.parley.support.ChatClient;
import io.parley.support.LineServer;

/**
 * The server killed with SIGKILL while clients register: no shutdown hook, no H2 close. Parley runs as a
 * process of its own with the packaged defaults (the file database under {@code ./data} of its working
 * directory, here a fresh one), is killed once some registrations are acknowledged and more are in flight,
 * and started again on the same files: every registration the server answered {@code OK register} for must
 * log in, and the database must open without an error.
 */
class KillDuringRegistrationsTest {

	private static final Pattern LISTENING = Pattern.compile("Parley line protocol listening on port (\\d+)");

	private static final int CLIENTS = 4;

	private static final int ACKNOWLEDGED_BEFORE_KILL = 60;

	@TempDir
	Path workDir;

	private final List<ServerProcess> started = new ArrayList<>();

	@AfterEach
	void killLeftovers() {
		this.started.forEach(server -> server.process.destroyForcibly());
	}

	@Test
	void everyAcknowledgedRegistrationSurvivesAKill() throws Exception {
		ServerProcess first = start();
		Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
		CountDownLatch enough = new CountDownLatch(ACKNOWLEDGED_BEFORE_KILL);
		List<Thread> clients = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			Thread client = new Thread(() -> registerUntilRefused(first.port, acknowledged, enough), "registrar-" + i);
			client.start();
			clients.add(client);
		}
		assertThat(enough.await(2, TimeUnit.MINUTES)).as("registrations acknowledged before the kill").isTrue();
		first.process.destroyForcibly().waitFor();
		for (Thread client : clients) {
			client.join();
		}
		List<String> names = List.copyOf(acknowledged);
		assertThat(names).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

		ServerProcess second = start();
		List<String> lost = new ArrayList<>();
		for (String name : names) {
			try (ChatClient client = new ChatClient("localhost", second.port)) {
				client.expectPrefix("HELLO ");
				if (!client.send("/login " + name + " password1").readLine().equals("OK login " + name)) {
					lost.add(name);
				}
			}
		}
		assertThat(lost).as("acknowledged registrations lost, of " + names.size()).isEmpty();
		second.process.destroy();
		second.process.waitFor();
		assertThat(second.log()).as("second start's log").noneMatch(line -> line.contains(" ERROR ") || line.contains(" WARN "));
		try (Stream<Path> files = Files.list(this.workDir.resolve("data"))) {
			// H2 writes a .trace.db file when it meets an error in the database
			assertThat(files.map(f -> f.getFileName().toString())).noneMatch(f -> f.endsWith(".trace.db"));
		}
	}

	/** Registers fresh names one connection at a time until the server is gone, recording each acknowledged one. */
	private static void registerUntilRefused(int port, Queue<String> acknowledged, CountDownLatch enough) {
		while (true) {
			String name = LineServer.uniqueName("killed");
			try (ChatClient client = new ChatClient("localhost", port)) {
				client.expectPrefix("HELLO ");
				client.send("/register " + name + " password1");
				String reply = client.readLine(ChatClient.DEFAULT_WAIT);
				if (!("OK register " + name).equals(reply)) {
					return; // the server died before answering: not acknowledged, so nothing is promised
				}
				acknowledged.add(name);
				enough.countDown();
			}
			catch (IOException | AssertionError ex) {
				return; // killed: connection refused or reset
			}
		}
	}

	private ServerProcess start() throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				ParleyApplication.class.getName(), "--server.port=0", "--parley.tcp.port=0", "--parley.irc.port=0",
				"--parley.accounts.bcrypt-cost=4", "--parley.admin.password=killed-admin-1",
				"--parley.limits.connections.per-address=100000",
				"--parley.limits.registrations.per-address-per-hour=1000000")
			.directory(this.workDir.toFile())
			.redirectErrorStream(true);
		ServerProcess server = new ServerProcess(builder.start());
		this.started.add(server);
		server.awaitListening();
		return server;
	}

	/** A Parley process; its output is read on a thread of its own, so it never blocks on a full pipe. */
	private static final class ServerProcess {

		final Process process;

		final List<String> lines = new ArrayList<>();

		final CountDownLatch listening = new CountDownLatch(1);

		volatile int port;

		ServerProcess(Process process) {
			this.process = process;
			Thread reader = new Thread(this::readOutput, "parley-output-" + process.pid());
			reader.setDaemon(true);
			reader.start();
		}

		private void readOutput() {
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = out.readLine()) != null) {
					synchronized (this.lines) {
						this.lines.add(line);
					}
					Matcher m = LISTENING.matcher(line);
					if (m.find()) {
						this.port = Integer.parseInt(m.group(1));
						this.listening.countDown();
					}
				}
			}
			catch (IOException ex) {
				// the process is gone
			}
		}

		void awaitListening() throws InterruptedException {
			if (!this.listening.await(2, TimeUnit.MINUTES)) {
				throw new AssertionError("Parley did not start:\n" + String.join("\n", log()));
			}
		}

		List<String> log() {
			synchronized (this.lines) {
				return List.copyOf(this.lines);
			}
		}

	}

}
