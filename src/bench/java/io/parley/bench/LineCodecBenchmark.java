package io.parley.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.parley.protocol.ErrorCode;
import io.parley.protocol.LineCodec;
import io.parley.protocol.ParsedLine;
import io.parley.protocol.Reply;

/** The line protocol's codec: a client line parsed, a server line encoded (once per room line, not per member). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LineCodecBenchmark {

	private final LineCodec codec = new LineCodec();

	private final Reply room = new Reply.RoomMessage("lobby", "alice", "hello everyone, the build is green again", false);

	private final Reply error = new Reply.Error(ErrorCode.NO_SUCH_USER, "there is no user bobby", "bobby");

	@Benchmark
	public ParsedLine parseCommand() {
		return this.codec.parse("/msg bob are you coming to the review at three?");
	}

	@Benchmark
	public ParsedLine parseText() {
		return this.codec.parse("hello everyone, the build is green again");
	}

	@Benchmark
	public byte[] encodeRoomMessage() {
		return this.codec.encode(this.room);
	}

	@Benchmark
	public byte[] encodeError() {
		return this.codec.encode(this.error);
	}

}
