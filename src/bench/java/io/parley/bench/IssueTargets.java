package io.parley.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The targets of issues 16, 17 and 19 in the report, beside issue 15's ({@link Report}): each a MET or MISSED line
 * per Parley pass with the medians and the ratio, and INFO lines for what the issues ask reported without a bound.
 */
final class IssueTargets {

	/**
	 * Issue 16: a join's CPU beyond the NAMES reply, per member of the room, at the largest size over the smallest.
	 * Not 1.0: a join's fixed part (its command, its own answer) is spread over more members in a larger room, so
	 * the figure falls with the size when the cost is linear; 1.25 leaves room for the 10 ms ticks CPU is read in.
	 */
	static final double JOIN_GROWTH = 1.25;

	/** Issue 17: fan-out and direct rates with history on at least this share of the rates with it off. */
	static final double HISTORY_RATE = 0.9;

	/** Issue 17: a page of 50 from a room of a million messages, at p99, in milliseconds. */
	static final double PAGE_P99_MS = 20;

	/** Issue 19: fan-out CPU per delivery over WebSocket at most this multiple of IRC over TCP's. */
	static final double WEB_SOCKET_CPU = 1.5;

	/** Issue 19: the page loads in under a second on loopback (every recorded load). */
	static final double PAGE_LOAD_MS = 1000;

	private IssueTargets() {
	}

	/** The figures of these issues the table shows (the JSON has all): every one of their scenarios'. */
	static boolean shown(String figure) {
		return figure.startsWith("roles/") || figure.startsWith("history") || figure.startsWith("web-");
	}

	static void add(List<String[]> t, Map<String, Map<String, Report.Stats>> stats, List<String> parley,
			List<String> servers) {
		for (String p : parley) {
			roles(t, stats, p, servers);
		}
		for (String p : parley) {
			onOff(t, stats, p, "fanout", "fan-out deliveries/s");
			onOff(t, stats, p, "direct", "direct messages/s");
			ratio(t, stats, p, "history-on-fanout/server_cpu_per_delivery_us",
					"history-off-fanout/server_cpu_per_delivery_us", true, Double.NaN,
					p + " fan-out CPU per delivery, history on vs off");
			ratio(t, stats, p, "history-on-direct/server_cpu_per_message_us",
					"history-off-direct/server_cpu_per_message_us", true, Double.NaN,
					p + " direct CPU per message, history on vs off");
			Report.Stats page = get(stats, "history/page_p99_ms", p);
			Report.Stats seeded = get(stats, "history/seed_stored", p);
			if (page != null) {
				t.add(new String[] { verdict(page.max() < PAGE_P99_MS),
						p + " 50-line page of " + (seeded == null ? "?" : Report.num(seeded.max()))
								+ " stored messages: p99 < 20 ms",
						String.format(Locale.ROOT, "p99 %s ms = %.2fx of 20 (p50 %s ms)", Report.num(page.max()),
								page.max() / PAGE_P99_MS, Report.num(median(stats, "history/page_p50_ms", p))) });
			}
		}
		for (String p : parley) {
			ratio(t, stats, p, "web-ws-fanout/server_cpu_per_delivery_us", "web-tcp-fanout/server_cpu_per_delivery_us",
					true, WEB_SOCKET_CPU, p + " fan-out CPU per delivery, WebSocket <= 1.5x IRC over TCP");
			Report.Stats wanted = get(stats, "web-ws-hold/sessions_wanted", p);
			Report.Stats held = get(stats, "web-ws-hold/sessions_held", p);
			if (wanted != null && held != null) {
				t.add(new String[] { verdict(held.min() >= wanted.max()),
						p + " " + Report.num(wanted.max()) + " WebSocket sessions held, each answering a ping",
						"held " + Report.num(held.min()) });
			}
			Report.Stats page = get(stats, "web-page/load_ms", p);
			if (page != null) {
				t.add(new String[] { verdict(page.max() < PAGE_LOAD_MS),
						p + " the page loads in under 1 s on loopback (Chromium, first visits)",
						String.format(Locale.ROOT, "slowest of %d %s ms, median %s ms", page.values().length,
								Report.num(page.max()), Report.num(page.median())) });
			}
		}
	}

	/** The rate each load of the history scenario is compared by. */
	private static final Map<String, String> HISTORY_RATES = Map.of("fanout", "deliveries_per_s", "direct",
			"messages_per_s");

	/**
	 * Issue 17's on/off ratio of each round ({@code history-<load>/on_off_ratio}): a round runs a load on the
	 * process with history and on the one without, one after the other. Shown beside the ratio of the two medians,
	 * which may come from different rounds; added on 2026-12-06 after runs whose rounds differed by up to a third.
	 */
	static void pairRounds(List<String> rows, Map<String, Map<String, List<Double>>> values) {
		Map<List<String>, Double> on = new HashMap<>();
		Map<List<String>, Double> off = new HashMap<>();
		for (String line : rows) {
			String[] f = line.split("\t");
			if (f.length == 5 && f[1].startsWith("history-o") && f[3].equals(HISTORY_RATES.get(load(f[1])))) {
				(f[1].startsWith("history-on-") ? on : off).put(List.of(f[0], load(f[1]), f[2]),
						Double.parseDouble(f[4]));
			}
		}
		on.forEach((serverLoadRound, rate) -> {
			Double without = off.get(serverLoadRound);
			if (without != null && without > 0) {
				values.computeIfAbsent("history-" + serverLoadRound.get(1) + "/on_off_ratio", x -> new TreeMap<>())
					.computeIfAbsent(serverLoadRound.get(0), x -> new ArrayList<>())
					.add(rate / without);
			}
		});
	}

	/** {@code fanout} of {@code history-on-fanout}. */
	private static String load(String scenario) {
		return scenario.substring(scenario.lastIndexOf('-') + 1);
	}

	/**
	 * Issue 17's target for one load: MET when both readings are at least {@link #HISTORY_RATE}, the ratio of the
	 * two medians and the median of the rounds' own ratios ({@link #pairRounds}); MISSED when either is under it or
	 * no round has both processes' figure.
	 */
	private static void onOff(List<String[]> t, Map<String, Map<String, Report.Stats>> stats, String p, String load,
			String label) {
		String figure = HISTORY_RATES.get(load);
		Report.Stats on = get(stats, "history-on-" + load + "/" + figure, p);
		Report.Stats off = get(stats, "history-off-" + load + "/" + figure, p);
		if (on == null && off == null) {
			return; // no history scenario in this run
		}
		Report.Stats paired = get(stats, "history-" + load + "/on_off_ratio", p);
		String name = p + " " + label + ", history on >= 0.9x off";
		if (on == null || off == null || paired == null) {
			t.add(new String[] { "MISSED", name, "no round has both processes' figure" });
			return;
		}
		double medians = on.median() / off.median();
		t.add(new String[] { verdict(medians >= HISTORY_RATE && paired.median() >= HISTORY_RATE), name,
				String.format(Locale.ROOT, "medians %s / %s = %.2fx; per round: median %.2fx of %d [%.2f - %.2f]",
						Report.num(on.median()), Report.num(off.median()), medians, paired.median(),
						paired.values().length, paired.min(), paired.max()) });
	}

	/**
	 * Issue 16: the join's CPU beyond NAMES per member at the largest size over the smallest (MET within
	 * {@link #JOIN_GROWTH}), and the same at the largest size beside every server's (INFO).
	 */
	private static void roles(List<String[]> t, Map<String, Map<String, Report.Stats>> stats, String p,
			List<String> servers) {
		String prefix = "roles/beyond_names_cpu_per_member_us_n";
		TreeMap<Integer, Report.Stats> bySize = new TreeMap<>();
		stats.forEach((figure, byServer) -> {
			if (figure.startsWith(prefix) && byServer.containsKey(p)) {
				bySize.put(Integer.parseInt(figure.substring(prefix.length())), byServer.get(p));
			}
		});
		if (bySize.size() < 2) {
			return;
		}
		double small = bySize.firstEntry().getValue().median();
		double large = bySize.lastEntry().getValue().median();
		List<String> each = new ArrayList<>();
		bySize.forEach((size, s) -> each.add(size + ": " + Report.num(s.median())));
		t.add(new String[] { verdict(large <= JOIN_GROWTH * small),
				p + " join CPU beyond NAMES per member, " + bySize.lastKey() + " <= 1.25x " + bySize.firstKey(),
				String.format(Locale.ROOT, "%.2fx (us: %s)", large / small, String.join(", ", each)) });
		List<String> others = new ArrayList<>();
		for (String server : servers) {
			Report.Stats s = get(stats, prefix + bySize.lastKey(), server);
			if (s != null && !server.equals(p)) {
				others.add(server + " " + Report.num(s.median()));
			}
		}
		t.add(new String[] { "INFO", p + " the same at " + bySize.lastKey() + " beside the others (us)",
				Report.num(large) + "; " + String.join(", ", others) });
		String times = "";
		for (int size : bySize.keySet()) {
			times += size + ": join " + Report.num(median(stats, "roles/probe_join_ms_n" + size, p)) + " ms, names "
					+ Report.num(median(stats, "roles/names_ms_n" + size, p)) + " ms; ";
		}
		t.add(new String[] { "INFO", p + " a join's own answer and a NAMES, by size", times });
	}

	private static void ratio(List<String[]> t, Map<String, Map<String, Report.Stats>> stats, String p, String figure,
			String against, boolean lowerIsBetter, double limit, String label) {
		Report.Stats a = get(stats, figure, p);
		Report.Stats b = get(stats, against, p);
		if (a == null || b == null) {
			return;
		}
		double r = a.median() / b.median();
		String v = Double.isNaN(limit) ? "INFO" : verdict(lowerIsBetter ? r <= limit : r >= limit);
		t.add(new String[] { v, label,
				String.format(Locale.ROOT, "%s / %s = %.2fx", Report.num(a.median()), Report.num(b.median()), r) });
	}

	private static double median(Map<String, Map<String, Report.Stats>> stats, String figure, String server) {
		Report.Stats s = get(stats, figure, server);
		return (s == null) ? Double.NaN : s.median();
	}

	private static Report.Stats get(Map<String, Map<String, Report.Stats>> stats, String figure, String server) {
		Map<String, Report.Stats> m = stats.get(figure);
		return (m == null) ? null : m.get(server);
	}

	private static String verdict(boolean met) {
		return met ? "MET" : "MISSED";
	}

}
