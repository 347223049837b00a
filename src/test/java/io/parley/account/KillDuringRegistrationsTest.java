package io.parley.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyProcess;

/**
 * The server killed with SIGKILL while clients register: no shutdown hook, no H2 close. Parley runs as a
 * process of its own with the packaged defaults (the file database under {@code ./data} of its working
 * directory, here a fresh one), is killed once some registrations are acknowledged and more are in flight,
 * and started again on the same files: every registration the server answered {@code OK register} for must
 * log in, and the database must open without an error.
 */
class KillDuringRegistrationsTest {

	private static final int CLIENTS = 4;

	private static final int ACKNOWLEDGED_BEFORE_KILL = 60;

	@TempDir
	Path workDir;

	private final List<ParleyProcess> started = new ArrayList<>();

	@AfterEach
	void killLeftovers() throws InterruptedException {
		for (ParleyProcess server : this.started) {
			server.kill();
		}
	}

	@Test
	void everyAcknowledgedRegistrationSurvivesAKill() throws Exception {
		ParleyProcess first = start();
		Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
		CountDownLatch enough = new CountDownLatch(ACKNOWLEDGED_BEFORE_KILL);
		List<Thread> clients = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			Thread client = new Thread(() -> registerUntilRefused(first.linePort(), acknowledged, enough),
					"registrar-" + i);
			client.start();
			clients.add(client);
		}
		assertThat(enough.await(2, TimeUnit.MINUTES)).as("registrations acknowledged before the kill").isTrue();
		first.kill();
		for (Thread client : clients) {
			client.join();
		}
		List<String> names = List.copyOf(acknowledged);
		assertThat(names).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

		ParleyProcess second = start();
		List<String> lost = new ArrayList<>();
		for (String name : names) {
			try (ChatClient client = new ChatClient("localhost", second.linePort())) {
				client.expectPrefix("HELLO ");
				if (!client.send("/login " + name + " password1").readLine().equals("OK login " + name)) {
					lost.add(name);
				}
			}
		}
		assertThat(lost).as("acknowledged registrations lost, of " + names.size()).isEmpty();
		second.close();
		assertThat(second.logLines()).as("second start's log")
			.noneMatch(line -> line.contains(" ERROR ") || line.contains(" WARN "));
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

	private ParleyProcess start() throws IOException {
		ParleyProcess server = ParleyProcess.start(this.workDir, List.of());
		this.started.add(server);
		return server;
	}

}
