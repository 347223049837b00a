package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** Issue 17's on/off target in the benchmark's report: rounds paired by server and round, and both readings. */
class IssueTargetsTest {

	@Test
	void pairsEachRoundOfOneServerAndLoadAndNothingElse() {
		Map<String, Map<String, List<Double>>> values = new TreeMap<>();
		IssueTargets.pairRounds(List.of(row("p@25", "history-on-direct", "h1", "messages_per_s", 100),
				row("p@25", "history-off-direct", "h1", "messages_per_s", 200),
				row("p@25", "history-off-direct", "h2", "messages_per_s", 100),
				row("p@25", "history-on-direct", "h2", "messages_per_s", 90),
				// another JDK's round of the same label: its own pair
				row("p@17", "history-on-direct", "h1", "messages_per_s", 80),
				row("p@17", "history-off-direct", "h1", "messages_per_s", 100),
				// no partner, a partner at zero, another figure, another scenario: not paired
				row("p@25", "history-on-fanout", "h1", "deliveries_per_s", 5),
				row("p@25", "history-on-direct", "h3", "messages_per_s", 50),
				row("p@25", "history-off-direct", "h3", "messages_per_s", 0),
				row("p@25", "history-on-direct", "h4", "server_cpu_per_message_us", 3),
				row("p@25", "history-off-direct", "h4", "server_cpu_per_message_us", 2),
				row("p@25", "direct", "1", "messages_per_s", 70), "a line that is not a row"), values);

		assertThat(values).containsOnlyKeys("history-direct/on_off_ratio");
		assertThat(values.get("history-direct/on_off_ratio").get("p@25")).containsExactlyInAnyOrder(0.5, 0.9);
		assertThat(values.get("history-direct/on_off_ratio").get("p@17")).containsExactly(0.8);
	}

	@Test
	void metOnlyWhenTheMediansRatioAndTheRoundsMedianAreBothAtTheLine() {
		// rounds 0.95, 0.95, 0.70: per round 0.95; medians 95 / 100 = 0.95 -> MET
		assertThat(verdict(new double[][] { { 95, 100 }, { 95, 100 }, { 70, 100 } })).startsWith("MET");
		// per round 0.95, but the medians are 95 / 110 = 0.86 (the off process was fast in another round) -> MISSED
		assertThat(verdict(new double[][] { { 95, 100 }, { 95, 100 }, { 150, 110 }, { 60, 120 }, { 100, 110 } }))
			.startsWith("MISSED");
		// medians 100 / 100, per round 0.85 -> MISSED
		assertThat(verdict(new double[][] { { 85, 100 }, { 100, 85 }, { 120, 141 } })).startsWith("MISSED");
	}

	@Test
	void saysMissedWhenNoRoundHasBothProcesses() {
		List<String> rows = List.of(row("p@25", "history-on-direct", "h1", "messages_per_s", 90),
				row("p@25", "history-off-direct", "h2", "messages_per_s", 100));
		assertThat(targets(rows)).anySatisfy(t -> {
			assertThat(t[0]).isEqualTo("MISSED");
			assertThat(t[1]).contains("direct messages/s");
			assertThat(t[2]).contains("no round");
		});
	}

	/** The direct target's verdict and figures for rounds of {on, off} rates. */
	private static String verdict(double[][] rounds) {
		List<String> rows = new ArrayList<>();
		for (int i = 0; i < rounds.length; i++) {
			rows.add(row("p@25", "history-on-direct", "h" + (i + 1), "messages_per_s", rounds[i][0]));
			rows.add(row("p@25", "history-off-direct", "h" + (i + 1), "messages_per_s", rounds[i][1]));
		}
		String[] direct = targets(rows).stream().filter(t -> t[1].contains("direct")).findFirst().orElseThrow();
		return direct[0] + " " + direct[2];
	}

	/** The issue targets the report gives for these rows. */
	private static List<String[]> targets(List<String> rows) {
		Map<String, Map<String, Report.Stats>> stats = Report.stats(rows);
		List<String[]> t = new ArrayList<>();
		IssueTargets.add(t, stats, List.of("p@25"), List.of("p@25"));
		return t;
	}

	private static String row(String server, String scenario, String round, String metric, double value) {
		return String.join("\t", server, scenario, round, metric, Double.toString(value));
	}

}
