package io.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Turns the rows of a run into the table (min, median, max per figure and server), the targets, and JSON. */
final class Report {

	static final List<String> SERVERS = List.of("parley-line", "parley-irc", "ngircd", "inspircd");

	static final List<String> PARLEY = List.of("parley-line", "parley-irc");

	static final List<String> PEERS = List.of("ngircd", "inspircd");

	/** The figures shown, in order; the JSON has every figure. */
	private static final List<String> SHOWN = List.of("connect/registrations_per_s", "connect/failures",
			"connect/rss_growth_per_client_kib", "hold/sessions_held", "hold/dropped",
			"hold/rss_growth_per_session_kib", "hold/heap_per_session_kib", "fanout/deliveries_per_s",
			"fanout/server_cpu_per_delivery_us", "fanout/generator_cpu_per_delivery_us", "fanout/server_cpu_cores",
			"fanout/generator_cpu_cores", "fanout/p50_ms", "fanout/p99_ms", "fanout/lost", "direct/messages_per_s",
			"direct/server_cpu_per_message_us", "direct/generator_cpu_per_message_us", "direct/server_cpu_cores",
			"direct/generator_cpu_cores", "direct/p50_rtt_ms", "direct/p99_rtt_ms", "direct/lost",
			"logins/logins_per_s", "logins/failures", "logins/chat_p50_rtt_before_ms",
			"logins/chat_p50_rtt_during_ms", "logins/chat_p99_rtt_before_ms", "logins/chat_p99_rtt_during_ms");

	record Stats(double min, double median, double max, double[] values) {

		static Stats of(List<Double> list) {
			double[] v = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
			int n = v.length;
			double median = (n % 2 == 1) ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
			return new Stats(v[0], median, v[n - 1], v);
		}

	}

	private Report() {
	}

	static void write(Path rowsFile, Path metaFile, String out) throws IOException {
		// figure ("scenario/metric") -> server -> values
		Map<String, Map<String, List<Double>>> values = new TreeMap<>();
		for (String line : Files.readAllLines(rowsFile)) {
			String[] f = line.split("\t");
			if (f.length == 5) {
				values.computeIfAbsent(f[1] + "/" + f[3], k -> new TreeMap<>())
					.computeIfAbsent(f[0], k -> new ArrayList<>())
					.add(Double.parseDouble(f[4]));
			}
		}
		Map<String, Map<String, Stats>> stats = new TreeMap<>();
		values.forEach((figure, byServer) -> byServer
			.forEach((server, list) -> stats.computeIfAbsent(figure, k -> new LinkedHashMap<>()).put(server, Stats.of(list))));
		Map<String, String> meta = new LinkedHashMap<>();
		for (String line : Files.readAllLines(metaFile)) {
			int eq = line.indexOf('=');
			if (eq > 0) {
				meta.put(line.substring(0, eq), line.substring(eq + 1));
			}
		}
		List<String[]> targets = targets(stats);

		StringBuilder text = new StringBuilder();
		meta.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
		text.append("\nmedian [min - max] of the runs; CPU from /proc utime+stime; us = microseconds\n\n");
		text.append(String.format(Locale.ROOT, "%-40s", "figure"));
		for (String s : SERVERS) {
			text.append(String.format(Locale.ROOT, " | %-26s", s));
		}
		text.append('\n').append("-".repeat(40 + SERVERS.size() * 29)).append('\n');
		for (String figure : SHOWN) {
			Map<String, Stats> byServer = stats.get(figure);
			if (byServer == null) {
				continue;
			}
			text.append(String.format(Locale.ROOT, "%-40s", figure));
			for (String s : SERVERS) {
				Stats st = byServer.get(s);
				text.append(String.format(Locale.ROOT, " | %-26s", st == null ? "-"
						: num(st.median()) + " [" + num(st.min()) + " - " + num(st.max()) + "]"));
			}
			text.append('\n');
		}
		text.append("\ntargets (medians, same run)\n");
		for (String[] t : targets) {
			text.append(String.format(Locale.ROOT, "  %-4s %-58s %s%n", t[0], t[1], t[2]));
		}
		System.out.print(text);
		Files.writeString(Path.of(out + ".txt"), text.toString());
		Files.writeString(Path.of(out + ".json"), json(meta, stats, targets));
		System.out.println("\nwrote " + out + ".txt and " + out + ".json");
	}

	private static List<String[]> targets(Map<String, Map<String, Stats>> stats) {
		List<String[]> t = new ArrayList<>();
		for (String p : PARLEY) {
			ratio(t, stats, "fanout/server_cpu_per_delivery_us", p, "ngircd", true,
					p + " fan-out CPU per delivery <= ngIRCd's");
		}
		for (String p : PARLEY) {
			String best = best(stats, "direct/messages_per_s", true);
			ratio(t, stats, "direct/messages_per_s", p, best, false, p + " direct msgs/s >= best peer (" + best + ")");
		}
		for (String p : PARLEY) {
			String best = best(stats, "direct/p99_rtt_ms", false);
			ratio(t, stats, "direct/p99_rtt_ms", p, best, true, p + " direct p99 round trip <= best peer's (" + best + ")");
		}
		Stats rss = get(stats, "hold/rss_growth_per_session_kib", "parley-line");
		if (rss != null) {
			// judged on the worst run: a JVM keeps the memory it grew into, so a later hold in the same
			// process reuses it and looks free
			t.add(new String[] { rss.max() <= 8 ? "MET" : "MISS", "RSS growth per idle session <= 8 KiB (worst run)",
					num(rss.max()) + " KiB = " + num(rss.max() / 8) + "x the limit (median " + num(rss.median()) + ")" });
		}
		Stats held = get(stats, "hold/sessions_held", "parley-line");
		Stats dropped = get(stats, "hold/dropped", "parley-line");
		if (held != null && dropped != null) {
			t.add(new String[] { held.min() >= 10_000 && dropped.max() == 0 ? "MET" : "MISS",
					"10,000 sessions held, none dropped",
					"held " + num(held.min()) + " (worst run), dropped " + num(dropped.max()) + " (worst run)" });
		}
		double lost = 0;
		for (String p : PARLEY) {
			for (String f : List.of("fanout/lost", "direct/lost")) {
				Stats s = get(stats, f, p);
				if (s != null) {
					lost += Arrays.stream(s.values()).sum();
				}
			}
		}
		t.add(new String[] { lost == 0 ? "MET" : "MISS", "0 lost deliveries (Parley, every run)", num(lost) + " lost" });
		return t;
	}

	/** The peer with the highest (or lowest) median of a figure. */
	private static String best(Map<String, Map<String, Stats>> stats, String figure, boolean highest) {
		String best = null;
		for (String peer : PEERS) {
			Stats s = get(stats, figure, peer);
			if (s != null && (best == null || (highest ? s.median() > get(stats, figure, best).median()
					: s.median() < get(stats, figure, best).median()))) {
				best = peer;
			}
		}
		return best;
	}

	private static void ratio(List<String[]> t, Map<String, Map<String, Stats>> stats, String figure, String server,
			String against, boolean lowerIsBetter, String label) {
		Stats a = get(stats, figure, server);
		Stats b = against == null ? null : get(stats, figure, against);
		if (a == null || b == null) {
			t.add(new String[] { "n/a", label, "not measured" });
			return;
		}
		double r = a.median() / b.median();
		boolean met = lowerIsBetter ? r <= 1 : r >= 1;
		t.add(new String[] { met ? "MET" : "MISS", label,
				String.format(Locale.ROOT, "%s / %s = %.2f", num(a.median()), num(b.median()), r) });
	}

	private static Stats get(Map<String, Map<String, Stats>> stats, String figure, String server) {
		Map<String, Stats> m = stats.get(figure);
		return m == null ? null : m.get(server);
	}

	static String num(double v) {
		if (Double.isNaN(v)) {
			return "NaN";
		}
		if (v == Math.rint(v) && Math.abs(v) < 1e7) {
			return String.valueOf((long) v);
		}
		double a = Math.abs(v);
		return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
	}

	private static String json(Map<String, String> meta, Map<String, Map<String, Stats>> stats, List<String[]> targets) {
		StringBuilder j = new StringBuilder("{\n  \"meta\": {");
		String sep = "\n";
		for (Map.Entry<String, String> e : meta.entrySet()) {
			j.append(sep).append("    ").append(str(e.getKey())).append(": ").append(str(e.getValue()));
			sep = ",\n";
		}
		j.append("\n  },\n  \"results\": {");
		sep = "\n";
		for (Map.Entry<String, Map<String, Stats>> f : stats.entrySet()) {
			j.append(sep).append("    ").append(str(f.getKey())).append(": {");
			String sep2 = "\n";
			for (Map.Entry<String, Stats> s : f.getValue().entrySet()) {
				Stats st = s.getValue();
				j.append(sep2).append("      ").append(str(s.getKey())).append(": {\"min\": ").append(d(st.min()))
					.append(", \"median\": ").append(d(st.median())).append(", \"max\": ").append(d(st.max()))
					.append(", \"runs\": [");
				for (int i = 0; i < st.values().length; i++) {
					j.append(i == 0 ? "" : ", ").append(d(st.values()[i]));
				}
				j.append("]}");
				sep2 = ",\n";
			}
			j.append("\n    }");
			sep = ",\n";
		}
		j.append("\n  },\n  \"targets\": [");
		sep = "\n";
		for (String[] t : targets) {
			j.append(sep).append("    {\"verdict\": ").append(str(t[0])).append(", \"target\": ").append(str(t[1]))
				.append(", \"figures\": ").append(str(t[2])).append('}');
			sep = ",\n";
		}
		return j.append("\n  ]\n}\n").toString();
	}

	private static String d(double v) {
		return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.6g", v);
	}

	private static String str(String s) {
		return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

}
