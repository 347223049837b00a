package io.parley.bench;

import java.time.Instant;

import org.openjdk.jmh.annotations.Benchmark;

import io.parley.protocol.ErrorCode;
import io.parley.line.LineCodec;
import io.parley.line.ParsedLine;
import io.parley.protocol.Reply;

/** The line protocol's codec: a client line parsed, a server line encoded (once per room line, not per member). */
public class LineCodecBenchmark extends MicroBenchmark {

	private final LineCodec codec = new LineCodec();

	private final Reply room = new Reply.RoomMessage("lobby", "alice", "hello everyone, the build is green again", false,
			Instant.now());

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
