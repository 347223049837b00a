package io.parley.bench;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The load generator's entry point (bench/run.sh calls it; docs/benchmarks.md explains the figures).
 *
 * <pre>
 * run    --server NAME --protocol line|irc --port P --pid PID
 *        --scenarios connect,fanout,direct,paced,flood,logins,hold,room,roles,history,web --reps 3 --rows FILE
 *        [--setup-in-flight 8] [--quick] [--jcmd PATH] [--jfr PREFIX: PREFIX-fanout.jfr, PREFIX-direct.jfr]
 *        [--max-warmups 6]            unrecorded runs at most, until the server's JIT is quiet
 *        [--admin-password PW]        Parley's admin: the operator of roles, the reader of history's metrics
 *        [--http-port P]              Parley's HTTP port: the WebSocket door and the page of web, the metrics of history
 *        [--off-port P --off-pid PID] history: a second Parley, history off, on the same protocol
 * report --rows FILE --meta FILE --out PREFIX      (writes PREFIX.json and PREFIX.txt, prints the table)
 * jfr    FILE                                      (the top frames of a JFR recording)
 * </pre>
 *
 * The connect storm, fan-out and the three direct loads run unrecorded first until the server's JIT is quiet
 * ({@link #warmUp}), then {@code --reps} times; the hold, the room and the logins run once: the first hold of a process is the one
 * that counts (a JVM keeps the memory it grew into), and the other two take minutes each.
 */
public final class Bench {

	/**
	 * Scenarios run once unrecorded before the recorded runs, for the JIT of the server (and the generator): the
	 * connect storm is the first thing a fresh Parley process meets.
	 */
	private static final Set<String> WARMED_UP = Set.of("connect", "fanout", "direct", "paced", "flood");

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			throw new IllegalArgumentException("usage: run ... | report ... | jfr FILE");
		}
		Map<String, String> options = options(args);
		switch (args[0]) {
			case "run" -> run(options);
			case "report" -> Report.write(Path.of(options.get("rows")), Path.of(options.get("meta")),
					options.get("out"));
			case "jfr" -> JfrTop.print(Path.of(args[1]), 15);
			default -> throw new IllegalArgumentException("unknown command " + args[0]);
		}
		System.exit(0);
	}

	private static void run(Map<String, String> o) throws Exception {
		String server = o.get("server");
		Dialect dialect = "irc".equals(o.get("protocol")) ? Dialect.IRC : Dialect.LINE;
		InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(o.get("port")));
		long pid = Long.parseLong(o.get("pid"));
		int reps = Integer.parseInt(o.getOrDefault("reps", "3"));
		Scenarios.Scale scale = o.containsKey("quick") ? Scenarios.Scale.quick() : Scenarios.Scale.full();
		String jfr = o.get("jfr");
		int setupInFlight = Integer.parseInt(o.getOrDefault("setup-in-flight", "8"));
		int maxWarmUps = Integer.parseInt(o.getOrDefault("max-warmups", "6"));
		try (EventLoops loops = new EventLoops(Runtime.getRuntime().availableProcessors());
				WebSocketLink.Clients webSocketClients = new WebSocketLink.Clients()) {
			Scenarios scenarios = new Scenarios(server, dialect, address, pid, scale, setupInFlight,
					new Rows(Path.of(o.get("rows"))), o.get("jcmd"), loops);
			DirectLoads directLoads = new DirectLoads(scenarios);
			BigRoom bigRoom = new BigRoom(scenarios);
			IssueLoads issues = new IssueLoads(scenarios, o, reps, webSocketClients);
			for (String scenario : o.get("scenarios").split(",")) {
				System.out.printf("%s: %s%n", server, scenario);
				long start = System.nanoTime();
				boolean warmed = WARMED_UP.contains(scenario);
				if (warmed) {
					warmUp(pid, maxWarmUps, server, scenario,
							label -> runOnce(scenarios, directLoads, bigRoom, issues, scenario, label));
				}
				int runs = warmed ? reps : 1;
				for (int rep = 1; rep <= runs; rep++) {
					runOnce(scenarios, directLoads, bigRoom, issues, scenario, String.valueOf(rep));
				}
				if (jfr != null && (scenario.equals("fanout") || scenario.equals("direct"))) {
					String recording = jfr + "-" + scenario + ".jfr";
					System.out.printf("%s: %s once more under JFR (not counted) -> %s%n", server, scenario, recording);
					Proc.run(o.get("jcmd"), String.valueOf(pid), "JFR.start", "name=bench", "settings=profile");
					runOnce(scenarios, directLoads, bigRoom, issues, scenario, "p");
					Proc.run(o.get("jcmd"), String.valueOf(pid), "JFR.stop", "name=bench", "filename=" + recording);
				}
				// what each scenario costs in time, setup and settling included: what a change of sizes weighs
				System.out.printf("%s: %s took %.0f s%n", server, scenario, (System.nanoTime() - start) / 1e9);
				if (!Proc.alive(pid)) {
					throw new IllegalStateException(server + " (pid " + pid + ") died during " + scenario);
				}
			}
		}
	}

	/** A warm-up run that leaves the JIT working on more than this share of the server's CPU is not the last. */
	private static final double MAX_JIT_SHARE = 0.05;

	/** A run of a scenario, given the label its figures are (not) recorded under. */
	@FunctionalInterface
	interface Run {

		void run(String label) throws Exception;

	}

	/**
	 * Runs {@code scenario} unrecorded until the server's JIT compilers took at most {@link #MAX_JIT_SHARE} of its
	 * CPU during the last run, at most {@code max} times; a server without a JIT is warm after one. One warm-up was
	 * not enough for Parley: its CPU per fan-out delivery still fell by half over the next three runs, as C2 went on
	 * compiling (a profile of one run showed the compiler threads at 45 % of the process), and a figure taken then
	 * measured the compiler, not the server. Steady state is what a server that runs for weeks has.
	 */
	private static void warmUp(long pid, int max, String server, String scenario, Run run) throws Exception {
		double share;
		int runs = 0;
		do {
			long compiler0 = Proc.compilerCpuNanos(pid);
			long all0 = Proc.cpuNanos(pid);
			run.run("w" + runs);
			runs++;
			long all = Proc.cpuNanos(pid) - all0;
			share = (all <= 0) ? 0 : (Proc.compilerCpuNanos(pid) - compiler0) / (double) all;
		}
		while (share > MAX_JIT_SHARE && runs < max);
		System.out.printf("%s: %s warm after %d unrecorded run(s), the JIT at %.0f %% of the last%n", server,
				scenario, runs, share * 100);
	}

	/**
	 * One run of a scenario. A run that fails in the generator (a server that took too few clients for the
	 * scenario's shape) is reported and left out, so one server's shortfall does not end the whole benchmark.
	 */
	private static void runOnce(Scenarios scenarios, DirectLoads directLoads, BigRoom bigRoom, IssueLoads issues,
			String scenario, String rep) throws InterruptedException {
		try {
			runScenario(scenarios, directLoads, bigRoom, issues, scenario, rep);
		}
		catch (RuntimeException ex) {
			System.err.printf("bench: %s %s run %s failed, left out: %s%n", scenarios.server(), scenario, rep, ex);
		}
	}

	private static void runScenario(Scenarios scenarios, DirectLoads directLoads, BigRoom bigRoom,
			IssueLoads issues, String scenario, String rep) throws InterruptedException {
		switch (scenario) {
			case "connect" -> scenarios.connect(rep);
			case "hold" -> scenarios.hold(rep);
			case "fanout" -> scenarios.fanout(rep);
			case "direct" -> scenarios.direct(rep);
			case "paced" -> directLoads.paced(rep);
			case "flood" -> directLoads.flood(rep);
			case "logins" -> scenarios.logins(rep);
			case "room" -> bigRoom.room(rep);
			case "roles" -> issues.roles().roles(rep);
			case "history" -> issues.history().history(rep);
			case "web" -> issues.web().web(rep);
			default -> throw new IllegalArgumentException("unknown scenario " + scenario);
		}
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		List<String> list = List.of(args);
		for (int i = 1; i < list.size(); i++) {
			String a = list.get(i);
			if (a.startsWith("--")) {
				boolean flag = i + 1 >= list.size() || list.get(i + 1).startsWith("--");
				options.put(a.substring(2), flag ? "true" : list.get(++i));
			}
		}
		return options;
	}

}
