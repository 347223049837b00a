package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

class LineDeserializerTest {

	private final LineDeserializer deserializer = new LineDeserializer(8);

	@Test
	void readsLfAndCrLfLinesWithoutTheirTerminators() throws IOException {
		InputStream in = stream("one\ntwo\r\n\nthree\r\r\n");
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("one");
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("two");
		assertThat(text(this.deserializer.deserialize(in))).isEmpty();
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("three\r");
	}

	@Test
	void aLineOfExactlyTheLimitIsALineAndOneMoreIsOversized() throws IOException {
		InputStream in = stream("12345678\n123456789\n12345678\r\nok\n");
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("12345678");
		assertThat(this.deserializer.deserialize(in)).isEqualTo(new InboundFrame.Oversized(9));
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("12345678");
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("ok");
	}

	@Test
	void anOversizedLineIsSkippedWholeAndTheNextLineReadNormally() throws IOException {
		InputStream in = stream("x".repeat(100_000) + "\nafter\n");
		assertThat(this.deserializer.deserialize(in)).isEqualTo(new InboundFrame.Oversized(100_000));
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("after");
	}

	@Test
	void endOfInputIsReportedOnceAsAFrameThenEndsTheStream() throws IOException {
		InputStream in = new EndAwareInputStream(stream("last\npartial"), 64);
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("last");
		assertThat(this.deserializer.deserialize(in)).isInstanceOf(InboundFrame.EndOfInput.class);
		assertThatThrownBy(() -> this.deserializer.deserialize(in)).isInstanceOf(SoftEndOfStreamException.class);
	}

	@Test
	void aResetIsAnOrdinaryEndNotAnError() {
		InputStream reset = new InputStream() {
			@Override
			public int read() throws IOException {
				throw new SocketException("Connection reset");
			}
		};
		assertThatThrownBy(() -> this.deserializer.deserialize(reset)).isInstanceOf(SoftEndOfStreamException.class);
	}

	@Test
	void bytesArePassedOnAsSentEvenWhenNotUtf8() throws IOException {
		InputStream in = new ByteArrayInputStream(new byte[] { (byte) 0xff, 0, (byte) 0xc3, '\n' });
		assertThat(((InboundFrame.Line) this.deserializer.deserialize(in)).bytes())
			.containsExactly((byte) 0xff, 0, (byte) 0xc3);
	}

	private static InputStream stream(String s) {
		return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
	}

	private static String text(InboundFrame frame) {
		return new String(((InboundFrame.Line) frame).bytes(), StandardCharsets.UTF_8);
	}

}
