package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * A connect storm whose clients write their first line the moment they connect, as scripts and bots do: under a
 * storm that line is often in the socket before the server has accepted it, so the event loop reads it at once.
 * Every one must be answered. A line read before the connection had its listener and its session was dropped, and
 * the client, waiting for an answer that never came, was closed with {@code BYE login-timeout} (seen as a few
 * registrations in 200 lost in the benchmark's fan-out set-up).
 */
@ParleyTest
class ConnectStormTest {

	private static final int CLIENTS = 1500;

	private static final int IN_FLIGHT = 100;

	@Autowired
	LineServer server;

	@Test
	void everyClientsFirstLineIsAnsweredDuringAConnectStorm() throws Exception {
		ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();
		ExecutorService clients = Executors.newFixedThreadPool(IN_FLIGHT);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int n = 0; n < CLIENTS; n++) {
				int client = n;
				done.add(clients.submit(() -> {
					if (!firstLineAnswered(client)) {
						unanswered.add("client " + client);
					}
					return null;
				}));
			}
			for (Future<?> each : done) {
				each.get();
			}
		}
		finally {
			clients.shutdownNow();
		}
		assertThat(unanswered).as("clients whose first line got no answer").isEmpty();
	}

	private boolean firstLineAnswered(int client) throws Exception {
		try (Socket socket = new Socket()) {
			// from 127.0.0.2-127.0.0.9 in turn: the client ports of one address run out quicker than the storm
			socket.bind(new InetSocketAddress("127.0.0." + (2 + client % 8), 0));
			socket.connect(new InetSocketAddress("127.0.0.1", this.server.port()), 10_000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("/ping storm-" + client + "\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			String line;
			while ((line = in.readLine()) != null) {
				if (line.equals("PONG storm-" + client)) {
					return true;
				}
			}
			return false;
		}
		catch (java.net.SocketTimeoutException ex) {
			return false;
		}
	}

}
