package io.parley.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording's CPU went: method samples (Java code) and native samples (system calls) together,
 * threads waiting for work left out. Prints the top leaf frames and the Parley methods most often on the stack.
 */
final class JfrTop {

	/** Native frames of threads that wait for work rather than do it. */
	private static final Pattern IDLE = Pattern.compile(
			"(sun\\.nio\\.ch\\.EPoll\\.wait|.*\\.(epollWait|poll|accept|accept0|park|park0|wait0|sleep0|sleepNanos0|socketAccept|waitForProcessExit0))$");

	private JfrTop() {
	}

	static void print(Path file, int top) throws IOException {
		Map<String, Integer> leaves = new HashMap<>();
		Map<String, Integer> parley = new HashMap<>();
		int total = 0;
		int javaSamples = 0;
		int nativeSamples = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
			String type = event.getEventType().getName();
			boolean isNative = type.equals("jdk.NativeMethodSample");
			if (!isNative && !type.equals("jdk.ExecutionSample")) {
				continue;
			}
			RecordedStackTrace stack = event.getStackTrace();
			if (stack == null || stack.getFrames().isEmpty()) {
				continue;
			}
			List<RecordedFrame> frames = stack.getFrames();
			String leaf = name(frames.get(0));
			if (isNative && IDLE.matcher(leaf).matches()) {
				continue;
			}
			total++;
			if (isNative) {
				nativeSamples++;
			}
			else {
				javaSamples++;
			}
			leaves.merge(leaf + (isNative ? " [native]" : ""), 1, Integer::sum);
			Set<String> seen = new HashSet<>();
			for (RecordedFrame frame : frames) {
				String n = name(frame);
				if (n.startsWith("io.parley.") && seen.add(n)) {
					parley.merge(n, 1, Integer::sum);
				}
			}
		}
		System.out.printf("JFR %s: %d busy samples (%d Java, %d native)%n", file, total, javaSamples, nativeSamples);
		System.out.println("top frames (where the CPU was):");
		printTop(leaves, total, top);
		System.out.println("Parley methods on the stack (inclusive):");
		printTop(parley, total, 10);
	}

	private static void printTop(Map<String, Integer> counts, int total, int top) {
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(top)
			.forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(total, 1), e.getKey()));
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

}
