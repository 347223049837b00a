package io.parley.account;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.parley.ParleyApplication;
import io.parley.support.ChatClient;
import io.parley.support.LineServer;

/** The server as an operator runs it: a file database, stopped and started again. */
class RestartTest {

	@TempDir
	Path dataDir;

	@Test
	void accountsSurviveARestartAndShutdownSaysByeFirst() throws Exception {
		String name = LineServer.uniqueName("keeper");
		try (ConfigurableApplicationContext first = start()) {
			try (ChatClient client = connect(first)) {
				client.send("/register " + name + " password1").expect("OK register " + name);
				first.close();
				client.expect("BYE server-shutdown");
				client.expectClosed(Duration.ofSeconds(5));
			}
		}
		try (ConfigurableApplicationContext second = start(); ChatClient client = connect(second)) {
			client.send("/login " + name + " password1").expect("OK login " + name);
			client.send("/login " + name + " password1").expectPrefix("ERR already-logged-in ");
		}
	}

	private ConfigurableApplicationContext start() {
		// arguments, not default properties: those rank below ./application.yml
		return new SpringApplicationBuilder(ParleyApplication.class).run(
				"--spring.datasource.url=jdbc:h2:file:" + this.dataDir.resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE",
				"--server.port=0", "--parley.tcp.port=0", "--parley.irc.port=0", "--parley.accounts.bcrypt-cost=4",
				"--parley.admin.password=restart-admin-1");
	}

	private static ChatClient connect(ConfigurableApplicationContext context) throws Exception {
		TcpNetServerConnectionFactory factory = context.getBean("lineServerFactory",
				TcpNetServerConnectionFactory.class);
		await().atMost(Duration.ofSeconds(10)).until(factory::isListening);
		ChatClient client = new ChatClient("localhost", factory.getPort());
		client.expectPrefix("HELLO ");
		return client;
	}

}
