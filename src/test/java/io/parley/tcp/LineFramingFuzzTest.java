package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import io.parley.line.LineCodec;
import io.parley.line.ParsedLine;
import io.parley.session.InboundFrame;

/**
 * Raw bytes through the line framing and the line codec, as a connection's reader runs them: every byte
 * sequence splits into lines, over-long lines and one end of input, every line parses to a value, and the
 * only exception is the soft end of the stream. Runs the checked-in corpus under
 * {@code LineFramingFuzzTestInputs} in every build; fuzzes for real with {@code JAZZER_FUZZ=1}.
 */
class LineFramingFuzzTest {

	private static final int MAX_LINE_BYTES = 64;

	private final LineDeserializer deserializer = new LineDeserializer(MAX_LINE_BYTES);

	private final LineCodec codec = new LineCodec();

	@FuzzTest(maxDuration = "30s")
	void everyByteSequenceFramesIntoLinesThatParse(byte[] input) throws IOException {
		EndAwareInputStream in = new EndAwareInputStream(new ByteArrayInputStream(input), 16);
		int frames = 0;
		while (true) {
			InboundFrame frame;
			try {
				frame = this.deserializer.deserialize(in);
			}
			catch (SoftEndOfStreamException end) {
				break;
			}
			assertThat(frame).isNotNull();
			if (frame instanceof InboundFrame.Line line) {
				assertThat(line.bytes().length).isLessThanOrEqualTo(MAX_LINE_BYTES);
				assertParses(new String(line.bytes(), StandardCharsets.UTF_8));
			}
			else if (frame instanceof InboundFrame.Oversized oversized) {
				assertThat(oversized.length()).isGreaterThan(MAX_LINE_BYTES);
			}
			else {
				assertThat(frame).isInstanceOf(InboundFrame.EndOfInput.class);
			}
			// every frame but the one end of input consumes at least a byte, so the loop ends
			assertThat(++frames).isLessThanOrEqualTo(input.length + 1);
		}
	}

	private void assertParses(String line) {
		ParsedLine parsed = this.codec.parse(line);
		assertThat(parsed).isNotNull();
		if (parsed instanceof ParsedLine.Command command) {
			assertThat(command.name()).doesNotContain(" ");
			assertThat(command.argText()).isNotNull();
		}
	}

}
