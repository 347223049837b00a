package io.parley.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.parley.support.ChatClient;
import io.parley.support.StandaloneParley;

/**
 * A database made by a Parley before look-alike keys (lower-case keys, and so an {@code alice} beside an
 * {@code aIice}) opens with every account able to log in: keys are brought up to date at start-up, the younger
 * of two look-alikes is renamed (and the operator told), and the keys are unique from then on.
 */
@ExtendWith(OutputCaptureExtension.class)
class LegacyNameKeysTest {

	@TempDir
	Path dataDir;

	@Test
	void anOldDatabaseWithLookAlikesOpensAndEveryAccountLogsIn(CapturedOutput output) throws Exception {
		String url = "jdbc:h2:file:" + this.dataDir.resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE";
		Flyway.configure().dataSource(url, "sa", "").target("1").load().migrate();
		String hash = new PreHashedBCryptPasswordEncoder(4).encode("password1");
		long youngerId;
		try (Connection db = DriverManager.getConnection(url, "sa", "");
				PreparedStatement insert = db
					.prepareStatement("INSERT INTO account (name, name_key, password_hash) VALUES (?, LOWER(?), ?)")) {
			for (String name : new String[] { "alice", "aIice", "Bob" }) {
				insert.setString(1, name);
				insert.setString(2, name);
				insert.setString(3, hash);
				insert.executeUpdate();
			}
			try (ResultSet id = db.createStatement().executeQuery("SELECT id FROM account WHERE name = 'aIice'")) {
				id.next();
				youngerId = id.getLong(1);
			}
		}
		String renamed = "aIice-" + youngerId;
		try (ConfigurableApplicationContext parley = StandaloneParley.start("spring.datasource.url=" + url)) {
			assertThat(output.getOut()).contains("Account aIice looks like an older account's name; renamed to " + renamed);
			for (String name : new String[] { "alice", renamed, "Bob" }) {
				try (ChatClient client = StandaloneParley.connect(parley)) {
					client.send("/login " + name + " password1").expect("OK login " + name);
				}
			}
			try (ChatClient client = StandaloneParley.connect(parley)) {
				client.send("/register ALlCE password1").expectPrefix("ERR name-taken ");
				client.send("/register B0B password1").expectPrefix("ERR name-taken ");
			}
		}
	}

}
