package io.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import io.parley.support.ChatClient;
import io.parley.support.ClusterServers;
import io.parley.support.LineServer;
import io.parley.support.StandaloneParley;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Issue 22: Parley on a real PostgreSQL. Every Flyway migration runs on it, and what must last (accounts, stored
 * rooms with their rules, history, offline messages, files' metadata) is written there and read back by the next
 * start.
 */
class PostgresTest {

	static EmbeddedPostgres postgres;

	@TempDir
	Path files;

	@BeforeAll
	static void startPostgres() {
		postgres = ClusterServers.postgres();
	}

	@AfterAll
	static void stopPostgres() throws Exception {
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void everyMigrationRunsAndWhatMustLastOutlivesARestart() throws Exception {
		String url = "spring.datasource.url=" + ClusterServers.jdbcUrl(postgres);
		String fileDir = "parley.files.directory=" + this.files;
		String alice = LineServer.uniqueName("alice");
		String bob = LineServer.uniqueName("bob");
		String room = LineServer.uniqueName("pg");
		String link;
		try (ConfigurableApplicationContext first = StandaloneParley.start(url, fileDir, "spring.datasource.username=postgres",
				"spring.datasource.password=postgres");
				ChatClient a = StandaloneParley.connect(first)) {
			a.send("/register " + alice + " password1").expect("OK register " + alice);
			try (ChatClient b = StandaloneParley.connect(first)) {
				b.send("/register " + bob + " password1").expect("OK register " + bob);
				b.send("/quit").expect("BYE quit");
			}
			a.send("/join " + room).expect("OK join " + room);
			a.send("/topic " + room + " kept on postgres").expect("TOPIC " + room + " " + alice + " kept on postgres");
			a.send("/flags " + room + " +moderated").expect("FLAG " + room + " " + alice + " +moderated");
			a.send("/say " + room + " first line");
			a.send("/ping said").expect("PONG said");
			a.send("/msg " + bob + " while you were away").expect("OK msg " + bob + " queued");
			HttpResponse<String> uploaded = upload(httpPort(first), alice);
			assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
			link = uploaded.headers().firstValue("Location").orElseThrow();
		}
		try (Connection db = ClusterServers.dataSource(postgres).getConnection();
				ResultSet versions = db.createStatement()
					.executeQuery("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
			List<String> applied = new ArrayList<>();
			while (versions.next()) {
				applied.add(versions.getString(1));
			}
			assertThat(applied).containsExactly("1", "2", "2.1", "3", "4", "5", "6", "7", "8", "9", "10");
		}
		try (ConfigurableApplicationContext second = StandaloneParley.start(url, fileDir, "spring.datasource.username=postgres",
				"spring.datasource.password=postgres");
				ChatClient b = StandaloneParley.connect(second)) {
			b.send("/login " + bob + " password1").expect("OK login " + bob);
			b.expectPrefix("HISTORY * offline");
			assertThat(b.readLine()).contains(alice, "while you were away");
			b.expectPrefix("HISTORY-END");
			// the room's rules and its last lines come back from PostgreSQL when it opens again
			b.send("/join " + room).expect("OK join " + room);
			b.expectPrefix("HISTORY " + room + " join");
			assertThat(b.readLine()).contains(alice, "first line");
			b.expectPrefix("HISTORY-END");
			assertThat(b.send("/room " + room).expectPrefix("INFO " + room + " owner=" + alice + " members=1 "))
				.contains("moderated", "topic=kept on postgres");
			HttpResponse<String> download = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(link.replaceFirst("^http://[^/]+",
						"http://localhost:" + httpPort(second)))).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(download.body()).isEqualTo("minutes");
		}
	}

	private static int httpPort(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static HttpResponse<String> upload(int port, String owner) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/files"))
				.POST(HttpRequest.BodyPublishers.ofString("minutes"))
				.header("Authorization", "Basic " + Base64.getEncoder()
					.encodeToString((owner + ":password1").getBytes(StandardCharsets.UTF_8)))
				.header("Content-Type", "text/plain")
				.header("Content-Disposition", "attachment; filename=\"minutes.txt\"")
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
