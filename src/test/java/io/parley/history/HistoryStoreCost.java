package io.parley.history;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import io.parley.chat.ChatEvent;
import io.parley.chat.MessageId;

/**
 * Not a test: the history writer's CPU per stored message, alone, for A/B runs of the schema and H2's settings
 * (docs/benchmarks.md, issue 17). Private messages over 49 conversations, as the benchmark's direct load, stored
 * through {@link HistoryStore#insert} in batches on a fresh H2 file with {@code WRITE_DELAY=0}; the first fifth
 * warms the JIT and is not counted. The writing thread's CPU, not the time, so other work on the machine moves it
 * less (still some 10 %: run the variants in turn, several times).
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) io.parley.history.HistoryStoreCost \
 *     [migration-version|latest] [rows] [batch] [;H2_URL_SETTING=...] [conversations]
 * </pre>
 */
final class HistoryStoreCost {

	private HistoryStoreCost() {
	}

	public static void main(String[] args) throws Exception {
		String version = (args.length > 0) ? args[0] : "latest";
		int rows = (args.length > 1) ? Integer.parseInt(args[1]) : 300_000;
		int batchSize = (args.length > 2) ? Integer.parseInt(args[2]) : 1_500;
		int conversations = (args.length > 4) ? Integer.parseInt(args[4]) : 49;
		Path directory = Files.createTempDirectory("history-cost");
		SingleConnectionDataSource data = new SingleConnectionDataSource("jdbc:h2:file:" + directory
				+ "/db;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0" + ((args.length > 3) ? args[3] : ""), "sa", "", true);
		H2Migrations.on(data).target(version).load().migrate();
		HistoryStore store = new HistoryStore(new JdbcTemplate(data),
				new TransactionTemplate(new DataSourceTransactionManager(data)));
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		// the names as a server holds them: one string each, made once (its hash computed once)
		String[] users = new String[conversations];
		String[] peers = new String[conversations];
		for (int pair = 0; pair < conversations; pair++) {
			users[pair] = "user" + pair;
			peers[pair] = "peer" + pair;
		}
		long counted = 0;
		long cpuNanos = 0;
		for (int written = 0; written < rows; written += batchSize) {
			List<ChatEvent> batch = new ArrayList<>(batchSize);
			for (int i = 0; i < batchSize; i++) {
				MessageId id = MessageId.next();
				int pair = (written + i) % conversations;
				batch.add(new ChatEvent.PrivateMessage(id, id.time(), users[pair], peers[pair],
						"hello there, message " + (written + i), false, true, true));
			}
			long before = threads.getCurrentThreadCpuTime();
			store.insert(batch);
			if (written >= rows / 5) {
				cpuNanos += threads.getCurrentThreadCpuTime() - before;
				counted += batchSize;
			}
		}
		System.out.printf("schema %s: %d messages in batches of %d over %d conversations, %.2f us of CPU a message, "
				+ "file %d KiB%n", version, counted, batchSize, conversations, cpuNanos / 1000.0 / counted, Files.size(directory.resolve("db.mv.db")) / 1024);
		data.destroy();
	}

}
