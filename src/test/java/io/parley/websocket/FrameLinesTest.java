package io.parley.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.session.InboundFrame;

/**
 * The WebSocket framing: a message is a line however the container cuts it into parts; a line end inside a
 * message ends a line there, a CR before it is dropped; a line over the limit is counted across parts and
 * becomes one {@link InboundFrame.Oversized}, after which the next message is read as usual.
 */
class FrameLinesTest {

	private final FrameLines lines = new FrameLines(10);

	@Test
	void aMessageInPartsIsOneLine() {
		assertThat(part("PING ", false)).isEmpty();
		assertThat(text(part("one", true))).containsExactly("PING one");
	}

	@Test
	void lineEndsInsideAMessageEndLinesAndATrailingOneAddsNoEmptyLine() {
		assertThat(text(part("a\r\nb\nc\r\n", true))).containsExactly("a", "b", "c");
		assertThat(text(part("", true))).containsExactly("");
	}

	@Test
	void aLineOverTheLimitIsCountedAcrossPartsAndDropped() {
		assertThat(part("0123456", false)).isEmpty();
		assertThat(part("789abc", true)).containsExactly(new InboundFrame.Oversized(13));
		assertThat(text(part("next", true))).containsExactly("next");
		// exactly the limit, and the limit with a CR before its end, are whole lines
		assertThat(text(part("0123456789", true))).containsExactly("0123456789");
		assertThat(text(part("0123456789\r\n", true))).containsExactly("0123456789");
	}

	private List<InboundFrame> part(String text, boolean last) {
		return this.lines.part(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), last);
	}

	private static List<String> text(List<InboundFrame> frames) {
		return frames.stream()
			.map(f -> new String(((InboundFrame.Line) f).bytes(), StandardCharsets.UTF_8))
			.toList();
	}

}
