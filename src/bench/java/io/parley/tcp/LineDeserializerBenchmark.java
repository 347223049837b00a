package io.parley.tcp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.infra.Blackhole;

import io.parley.bench.MicroBenchmark;

/**
 * Framing: lines split from the buffered stream each connection's reader has ({@link EndAwareInputStream}, 1 KiB
 * as {@code parley.tcp.read-buffer-bytes}), whole lines at a time. Time is per line. In this package because
 * that stream is the listener's own.
 */
public class LineDeserializerBenchmark extends MicroBenchmark {

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
		InputStream in = new EndAwareInputStream(new ByteArrayInputStream(data), 1024);
		for (int i = 0; i < LINES; i++) {
			blackhole.consume(this.deserializer.deserialize(in));
		}
	}

}
