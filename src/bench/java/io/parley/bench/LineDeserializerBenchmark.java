package io.parley.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import io.parley.tcp.LineDeserializer;

/**
 * Framing: lines split from a buffered stream, as each connection's reader does (the stream buffers 2 KiB, as
 * {@code parley.tcp.read-buffer-bytes}); the deserializer reads it a byte per call. Time is per line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LineDeserializerBenchmark {

	private static final int LINES = 1000;

	private final LineDeserializer deserializer = new LineDeserializer(4096);

	private final byte[] chat = lines("/say lobby hello everyone, the build is green again\r\n");

	private final byte[] irc = lines("PRIVMSG #lobby :hello everyone, the build is green again, and the release is on\r\n");

	private static byte[] lines(String line) {
		return line.repeat(LINES).getBytes(StandardCharsets.UTF_8);
	}

	@Benchmark
	@OperationsPerInvocation(LINES)
	public void chatLine(Blackhole blackhole) throws IOException {
		read(this.chat, blackhole);
	}

	@Benchmark
	@OperationsPerInvocation(LINES)
	public void ircLine(Blackhole blackhole) throws IOException {
		read(this.irc, blackhole);
	}

	private void read(byte[] data, Blackhole blackhole) throws IOException {
		InputStream in = new BufferedInputStream(new ByteArrayInputStream(data), 2048);
		for (int i = 0; i < LINES; i++) {
			blackhole.consume(this.deserializer.deserialize(in));
		}
	}

}
