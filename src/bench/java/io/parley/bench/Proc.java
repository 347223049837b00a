package io.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A process's CPU time and resident memory from /proc, and a JVM's heap after a full GC from jcmd. */
final class Proc {

	/** USER_HZ: the unit of utime and stime; 100 on every Linux this runs on. */
	private static final long TICK_NANOS = 10_000_000L;

	private static final Pattern USED = Pattern.compile("used (\\d+)K");

	private Proc() {
	}

	/** utime + stime, all threads, in nanoseconds (10 ms resolution). */
	static long cpuNanos(long pid) {
		try {
			return statCpuNanos(Path.of("/proc/" + pid + "/stat"));
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read /proc/" + pid + "/stat: " + ex.getMessage(), ex);
		}
	}

	/** utime + stime from a process's or a thread's {@code stat} file, in nanoseconds. */
	private static long statCpuNanos(Path statFile) throws IOException {
		String stat = Files.readString(statFile);
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// fields after the name: state is [0], utime is field 14 of the file, so [11], stime [12]
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_NANOS;
	}

	/**
	 * utime + stime of the process's JIT compiler threads (HotSpot's {@code C1/C2 CompilerThread}s), in
	 * nanoseconds; 0 for a server without a JIT. A thread that ended meanwhile is simply not counted.
	 */
	static long compilerCpuNanos(long pid) {
		long total = 0;
		try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
			for (Path task : (Iterable<Path>) tasks::iterator) {
				try {
					// the name as Linux keeps it, cut to 15 characters: "C2 CompilerThre"
					if (!Files.readString(task.resolve("comm")).contains("CompilerThre")) {
						continue;
					}
					total += statCpuNanos(task.resolve("stat"));
				}
				catch (IOException ex) {
					// the thread ended between the listing and the read
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot list /proc/" + pid + "/task: " + ex.getMessage(), ex);
		}
		return total;
	}

	static long selfCpuNanos() {
		return cpuNanos(ProcessHandle.current().pid());
	}

	/**
	 * VmRSS in KiB once it has stopped moving (two readings half a second apart within 1%, at most 10 s): a
	 * JVM gives heap back after a full GC on a thread of its own, so a reading taken at once may still count
	 * memory it is about to return, by tens of megabytes.
	 */
	static long settledRssKib(long pid) throws InterruptedException {
		long last = rssKib(pid);
		for (int i = 0; i < 20; i++) {
			Thread.sleep(500);
			long now = rssKib(pid);
			if (Math.abs(now - last) <= last / 100) {
				return now;
			}
			last = now;
		}
		return last;
	}

	/** VmRSS in KiB. */
	static long rssKib(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
			throw new IllegalStateException("no VmRSS for " + pid);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read /proc/" + pid + "/status: " + ex.getMessage(), ex);
		}
	}

	/**
	 * A field of /proc/meminfo in KiB (e.g. "Slab", the kernel's own objects, sockets among them), or -1: the
	 * whole machine's, so other work on it moves it too.
	 */
	static long meminfoKib(String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith(field + ":")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
			return -1;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/** How many files a process has open (its /proc fd entries), or -1 when they cannot be read. */
	static long openFiles(long pid) {
		try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
			return fds.count();
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	static boolean alive(long pid) {
		return Files.exists(Path.of("/proc/" + pid + "/stat"));
	}

	/** Heap in use after a full GC, in KiB, or -1 without jcmd. */
	static long heapAfterGcKib(String jcmd, long pid) {
		if (jcmd == null) {
			return -1;
		}
		try {
			run(jcmd, String.valueOf(pid), "GC.run");
			String info = run(jcmd, String.valueOf(pid), "GC.heap_info");
			Matcher m = USED.matcher(info);
			return m.find() ? Long.parseLong(m.group(1)) : -1;
		}
		catch (IOException ex) {
			System.err.println("bench: jcmd failed: " + ex.getMessage());
			return -1;
		}
	}

	static String run(String... command) throws IOException {
		Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
		try {
			String out = new String(p.getInputStream().readAllBytes());
			if (!p.waitFor(60, TimeUnit.SECONDS)) {
				p.destroyForcibly();
			}
			return out;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

}
