package io.parley.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.protocol.ErrorCode;
import io.parley.protocol.Reply;

class LineCodecTest {

	private final LineCodec codec = new LineCodec();

	@Test
	void commandLineSplitsNameFromArguments() {
		assertThat(this.codec.parse("/msg bob hi  there")).isEqualTo(new ParsedLine.Command("msg", "bob hi  there"));
		assertThat(this.codec.parse("/rooms")).isEqualTo(new ParsedLine.Command("rooms", ""));
		assertThat(this.codec.parse("/")).isEqualTo(new ParsedLine.Command("", ""));
	}

	@Test
	void textWithoutSlashIsForTheCurrentRoom() {
		assertThat(this.codec.parse("hello /there")).isEqualTo(new ParsedLine.Text("hello /there"));
	}

	@Test
	void doubleSlashSendsTextStartingWithSlash() {
		assertThat(this.codec.parse("//shrug")).isEqualTo(new ParsedLine.Text("/shrug"));
	}

	@Test
	void blankLinesAreBlank() {
		assertThat(this.codec.parse("")).isInstanceOf(ParsedLine.Blank.class);
		assertThat(this.codec.parse("   ")).isInstanceOf(ParsedLine.Blank.class);
	}

	@Test
	void everyReplyIsOneLineStartingWithItsKind() {
		assertThat(line(new Reply.Ok("join", "lobby"))).isEqualTo("OK join lobby\n");
		assertThat(line(new Reply.Ok("passwd", null))).isEqualTo("OK passwd\n");
		assertThat(line(new Reply.Error(ErrorCode.NO_SUCH_USER, "no such user")))
			.isEqualTo("ERR no-such-user no such user\n");
		assertThat(line(new Reply.PrivateMessage("alice", "bob", "hi", false, Instant.now()))).isEqualTo("MSG alice hi\n");
		assertThat(line(new Reply.RoomMessage("lobby", "alice", "hi", false, Instant.now()))).isEqualTo("ROOM lobby alice hi\n");
		assertThat(line(new Reply.Broadcast("alice", "hi", Instant.now()))).isEqualTo("ALL alice hi\n");
		assertThat(line(new Reply.Notice("maintenance at 10"))).isEqualTo("NOTICE maintenance at 10\n");
		assertThat(line(new Reply.Joined("lobby", "bob", Instant.now()))).isEqualTo("JOIN lobby bob\n");
		assertThat(line(new Reply.Left("lobby", "bob", null, Instant.now(), null))).isEqualTo("LEAVE lobby bob\n");
		assertThat(line(new Reply.Who(null, List.of("alice", "bob")))).isEqualTo("WHO * alice bob\n");
		assertThat(line(new Reply.Who("lobby", List.of()))).isEqualTo("WHO lobby\n");
		assertThat(line(new Reply.Rooms(List.of(new Reply.RoomCount("dev", 1), new Reply.RoomCount("lobby", 3)))))
			.isEqualTo("ROOMS dev:1 lobby:3\n");
		assertThat(line(new Reply.Rooms(List.of()))).isEqualTo("ROOMS\n");
		assertThat(line(new Reply.Pong("t1"))).isEqualTo("PONG t1\n");
		assertThat(line(new Reply.Pong(""))).isEqualTo("PONG\n");
		assertThat(line(new Reply.Help("/rooms: rooms"))).isEqualTo("HELP /rooms: rooms\n");
		assertThat(line(new Reply.Bye("quit"))).isEqualTo("BYE quit\n");
		assertThat(line(new Reply.Hello("Parley", "1.0", 1))).startsWith("HELLO Parley 1.0 protocol 1;");
	}

	@Test
	void errorCodesAreSpelledInKebabCase() {
		assertThat(ErrorCode.TOO_MANY_SESSIONS.wireName()).isEqualTo("too-many-sessions");
		assertThat(ErrorCode.LINE_TOO_LONG.wireName()).isEqualTo("line-too-long");
	}

	private String line(Reply reply) {
		return new String(this.codec.encode(reply), StandardCharsets.UTF_8);
	}

}
