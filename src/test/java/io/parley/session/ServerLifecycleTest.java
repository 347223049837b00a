package io.parley.session;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.QuietLog;
import io.parley.support.StandaloneParley;

/**
 * Shutdown says BYE to every client, logged in or not, before the connections and the port close; a stopped
 * server takes sessions again once started.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServerLifecycleTest {

	private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

	@Test
	void shutdownSaysByeToEveryClientThenClosesThePort(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = StandaloneParley.start();
				ChatClient member = StandaloneParley.connect(context);
				ChatClient anonymous = StandaloneParley.connect(context)) {
			int port = StandaloneParley.linePort(context);
			String name = LineServer.uniqueName("member");
			member.send("/register " + name + " password1").expect("OK register " + name);
			LineServer.joinAll(LineServer.uniqueName("closing"), member);
			int mark = output.getAll().length();

			context.close();

			for (ChatClient client : new ChatClient[] { member, anonymous }) {
				client.expect("BYE server-shutdown");
				client.expectClosed(CLOSE_WAIT);
			}
			assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> new Socket("localhost", port).close());
			QuietLog.assertQuietSince(output, mark);
		}
	}

	@Test
	void theSessionSideTakesSessionsAgainWhenStartedAfterAStop() throws Exception {
		// its own stop and start, as a context stop and start do (Spring's test framework pauses a cached context
		// so). Not the whole context's: the NET server factory's old accept loop, ending, may clear the listening
		// flag of the new one on a quick restart, which is no concern of this test
		try (ConfigurableApplicationContext context = StandaloneParley.start()) {
			SessionShutdown shutdown = context.getBean(SessionShutdown.class);
			String name = LineServer.uniqueName("again");
			try (ChatClient client = StandaloneParley.connect(context)) {
				client.send("/register " + name + " password1").expect("OK register " + name);
				shutdown.stop();
				client.expect("BYE server-shutdown");
				client.expectClosed(CLOSE_WAIT);
			}
			shutdown.start();
			try (ChatClient client = StandaloneParley.connect(context)) {
				client.send("/login " + name + " password1").expect("OK login " + name);
				client.send("/ping back").expect("PONG back");
			}
		}
	}

}
