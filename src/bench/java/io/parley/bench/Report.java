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
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.TreeMap;

/** Turns the rows of a run into the table (min, median, max per figure and server), the targets, and JSON. */
final class Report {

	/** The C servers Parley is compared with; every other server in the rows is a Parley pass (protocol@JDK). */
	static final List<String> PEERS = List.of("ngircd", "inspircd");

	/** Issue 15's absolute targets. */
	private static final double REGISTRATIONS_PER_S = 3_000;

	private static final double RSS_KIB_PER_SESSION = 4;

	private static final double FANOUT_CPU_VS_NGIRCD = 0.8;

	/** The figures shown, in order; the JSON has every figure. */
	private static final List<String> SHOWN = List.of("connect/registrations_per_s", "connect/failures",
			"connect/rss_growth_per_client_kib", "hold/sessions_wanted", "hold/sessions_held", "hold/dropped",
			"hold/rss_growth_per_session_kib", "hold/heap_per_session_kib", "hold/server_rss_mib",
			"hold/kernel_slab_per_socket_kib", "hold/server_files_before",
			"fanout/deliveries_per_s", "fanout/server_cpu_per_delivery_us", "fanout/generator_cpu_per_delivery_us",
			"fanout/server_cpu_cores", "fanout/generator_cpu_cores", "fanout/p50_ms", "fanout/p99_ms", "fanout/lost",
			"direct/messages_per_s", "direct/server_cpu_per_message_us", "direct/generator_cpu_per_message_us",
			"direct/server_cpu_cores", "direct/generator_cpu_cores", "direct/p50_rtt_ms", "direct/p99_rtt_ms",
			"direct/lost", "paced/offered_per_s", "paced/messages_per_s", "paced/server_cpu_per_message_us",
			"paced/generator_cpu_per_message_us", "paced/server_cpu_cores", "paced/p50_rtt_ms", "paced/p99_rtt_ms",
			"paced/lost", "flood/messages_per_s", "flood/server_cpu_per_message_us",
			"flood/generator_cpu_per_message_us", "flood/server_cpu_cores", "flood/generator_cpu_cores",
			"flood/p50_ms", "flood/p99_ms", "flood/lost", "flood/dropped", "room/members_wanted", "room/joined",
			"room/join_s",
			"room/join_lines", "room/join_server_cpu_per_member_us", "room/join_server_cpu_per_line_us",
			"room/message_last_delivery_ms", "room/message_server_cpu_per_member_us", "room/message_lost",
			"room/quit_s", "room/quit_lines", "room/quit_server_cpu_per_member_us", "room/quit_server_cpu_per_line_us",
			"room/dropped_members", "logins/logins_per_s", "logins/failures", "logins/chat_p50_rtt_before_ms",
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

	/** Each figure ("scenario/metric") of the rows, per server: the runs' values, and issue 17's paired rounds. */
	static Map<String, Map<String, Stats>> stats(List<String> rows) {
		Map<String, Map<String, List<Double>>> values = new TreeMap<>();
		for (String line : rows) {
			String[] f = line.split("\t");
			if (f.length == 5) {
				values.computeIfAbsent(f[1] + "/" + f[3], k -> new TreeMap<>())
					.computeIfAbsent(f[0], k -> new ArrayList<>())
					.add(Double.parseDouble(f[4]));
			}
		}
		IssueTargets.pairRounds(rows, values);
		Map<String, Map<String, Stats>> stats = new TreeMap<>();
		values.forEach((figure, byServer) -> byServer
			.forEach((server, list) -> stats.computeIfAbsent(figure, k -> new LinkedHashMap<>()).put(server, Stats.of(list))));
		return stats;
	}

	static void write(Path rowsFile, Path metaFile, String out) throws IOException {
		List<String> rows = Files.readAllLines(rowsFile);
		Set<String> parley = new LinkedHashSet<>();
		for (String line : rows) {
			String[] f = line.split("\t");
			if (f.length == 5 && !PEERS.contains(f[0])) {
				parley.add(f[0]);
			}
		}
		Map<String, Map<String, Stats>> stats = stats(rows);
		Map<String, String> meta = new LinkedHashMap<>();
		for (String line : Files.readAllLines(metaFile)) {
			int eq = line.indexOf('=');
			if (eq > 0) {
				meta.put(line.substring(0, eq), line.substring(eq + 1));
			}
		}
		List<String> servers = new ArrayList<>(parley);
		servers.addAll(PEERS);
		List<String[]> targets = targets(stats, List.copyOf(parley));
		IssueTargets.add(targets, stats, List.copyOf(parley), servers);

		StringBuilder text = new StringBuilder();
		meta.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
		text.append("\nmedian [min - max] of the runs; CPU from /proc utime+stime; us = microseconds\n\n");
		text.append(String.format(Locale.ROOT, "%-52s", "figure"));
		for (String s : servers) {
			text.append(String.format(Locale.ROOT, " | %-26s", s));
		}
		text.append('\n').append("-".repeat(52 + servers.size() * 29)).append('\n');
		List<String> shown = new ArrayList<>(SHOWN);
		stats.keySet().stream().filter(IssueTargets::shown).forEach(shown::add);
		for (String figure : shown) {
			Map<String, Stats> byServer = stats.get(figure);
			if (byServer == null) {
				continue;
			}
			text.append(String.format(Locale.ROOT, "%-52s", figure));
			for (String s : servers) {
				Stats st = byServer.get(s);
				text.append(String.format(Locale.ROOT, " | %-26s", st == null ? "-"
						: num(st.median()) + " [" + num(st.min()) + " - " + num(st.max()) + "]"));
			}
			text.append('\n');
		}
		text.append("\ntargets (same run: medians, and for issue 17 each round's ratio too)\n");
		for (String[] t : targets) {
			text.append(String.format(Locale.ROOT, "  %-6s %-62s %s%n", t[0], t[1], t[2]));
		}
		System.out.print(text);
		Files.writeString(Path.of(out + ".txt"), text.toString());
		Files.writeString(Path.of(out + ".json"), json(meta, stats, targets));
		System.out.println("\nwrote " + out + ".txt and " + out + ".json");
	}

	/**
	 * Issue 15's targets, one line per Parley pass each, against the peers' medians of the same invocation.
	 * INFO lines report a figure the issue sets no bound for (the room's CPU per member) beside the best peer's.
	 */
	private static List<String[]> targets(Map<String, Map<String, Stats>> stats, List<String> parley) {
		List<String[]> t = new ArrayList<>();
		for (String p : parley) {
			ratio(t, stats, "fanout/server_cpu_per_delivery_us", p, "ngircd", true, FANOUT_CPU_VS_NGIRCD,
					p + " fan-out CPU per delivery <= 0.8x ngIRCd's");
		}
		for (String load : List.of("direct", "paced", "flood")) {
			String name = load.equals("direct") ? "direct ping-pong" : "direct " + load;
			String latency = load.equals("flood") ? "flood/p99_ms" : load + "/p99_rtt_ms";
			String bestRate = best(stats, load + "/messages_per_s", true);
			String bestCpu = best(stats, load + "/server_cpu_per_message_us", false);
			String bestP99 = best(stats, latency, false);
			for (String p : parley) {
				if (!load.equals("paced")) { // paced senders offer the same rate to every server
					ratio(t, stats, load + "/messages_per_s", p, bestRate, false, 1,
							p + " " + name + " msgs/s >= best peer (" + bestRate + ")");
				}
				ratio(t, stats, load + "/server_cpu_per_message_us", p, bestCpu, true, 1,
						p + " " + name + " CPU/msg <= best peer (" + bestCpu + ")");
				ratio(t, stats, latency, p, bestP99, true, 1, p + " " + name
						+ (load.equals("flood") ? " p99 one way" : " p99 round trip") + " <= best peer (" + bestP99 + ")");
			}
		}
		for (String p : parley) {
			Stats regs = get(stats, "connect/registrations_per_s", p);
			if (p.startsWith("parley-irc") && regs != null) {
				String best = best(stats, "connect/registrations_per_s", true);
				t.add(new String[] { verdict(regs.median() >= REGISTRATIONS_PER_S),
						p + " connect storm >= 3,000 registrations/s", String.format(Locale.ROOT, "%s/s = %.2fx; %s %s/s",
								num(regs.median()), regs.median() / REGISTRATIONS_PER_S, best, num(median(stats,
										"connect/registrations_per_s", best))) });
			}
		}
		for (String p : parley) {
			Stats rss = get(stats, "hold/rss_growth_per_session_kib", p);
			if (rss != null) {
				// judged on the worst run: a JVM keeps the memory it grew into, so a later hold in the same
				// process reuses it and looks free
				t.add(new String[] { verdict(rss.max() <= RSS_KIB_PER_SESSION),
						p + " RSS growth per idle session <= 4 KiB", String.format(Locale.ROOT, "%s KiB = %.2fx",
								num(rss.max()), rss.max() / RSS_KIB_PER_SESSION) });
			}
			Stats wanted = get(stats, "hold/sessions_wanted", p);
			Stats held = get(stats, "hold/sessions_held", p);
			if (wanted != null && held != null) {
				t.add(new String[] { verdict(held.min() >= wanted.max()),
						p + " " + num(wanted.max()) + " idle sessions held, each answering a ping",
						"held " + num(held.min()) + " = " + String.format(Locale.ROOT, "%.2fx", held.min() / wanted.max()) });
			}
		}
		for (String p : parley) {
			Stats joined = get(stats, "room/joined", p);
			Stats wanted = get(stats, "room/members_wanted", p);
			if (joined == null || wanted == null) {
				continue;
			}
			double lostOrDropped = median(stats, "room/message_lost", p) + median(stats, "room/dropped_members", p);
			t.add(new String[] { verdict(joined.min() >= wanted.max() && lostOrDropped == 0),
					p + " room of " + num(wanted.max()) + ": join storm, message, quit storm, none lost",
					num(joined.min()) + " joined, " + num(lostOrDropped) + " lost or dropped" });
			for (String storm : List.of("join", "message", "quit")) {
				String figure = "room/" + storm + "_server_cpu_per_member_us";
				String best = best(stats, figure, false);
				ratio(t, stats, figure, p, best, true, Double.NaN, p + " room " + storm + " CPU per member vs " + best);
			}
		}
		for (String p : parley) {
			double lost = 0;
			for (String f : List.of("fanout/lost", "direct/lost", "paced/lost", "flood/lost")) {
				Stats s = get(stats, f, p);
				if (s != null) {
					lost += Arrays.stream(s.values()).sum();
				}
			}
			t.add(new String[] { verdict(lost == 0), p + " 0 lost deliveries (every run)", num(lost) + " lost" });
		}
		return t;
	}

	private static String verdict(boolean met) {
		return met ? "MET" : "MISSED";
	}

	private static double median(Map<String, Map<String, Stats>> stats, String figure, String server) {
		Stats s = server == null ? null : get(stats, figure, server);
		return s == null ? Double.NaN : s.median();
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

	/**
	 * A target line: the server's median over the other's, met when at most (or at least) {@code limit}; with a
	 * NaN limit an INFO line, the ratio without a verdict.
	 */
	private static void ratio(List<String[]> t, Map<String, Map<String, Stats>> stats, String figure, String server,
			String against, boolean lowerIsBetter, double limit, String label) {
		Stats a = get(stats, figure, server);
		Stats b = against == null ? null : get(stats, figure, against);
		if (a == null || b == null) {
			t.add(new String[] { "n/a", label, "not measured" });
			return;
		}
		double r = a.median() / b.median();
		String verdict = Double.isNaN(limit) ? "INFO" : verdict(lowerIsBetter ? r <= limit : r >= limit);
		t.add(new String[] { verdict, label,
				String.format(Locale.ROOT, "%s / %s = %.2fx", num(a.median()), num(b.median()), r) });
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
