package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import io.parley.session.InboundFrame;

class LineDeserializerTest {

	private final LineDeserializer deserializer = new LineDeserializer(8);

	@Test
	void readsLfAndCrLfLinesWithoutTheirTerminators() throws IOException {
		InputStream in = stream("one\ntwo\r\n\nthree\r\r\n");
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("one");
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("two");
		assertThat(text(this.deserializer.deserialize(in))).isEmpty();
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("three");
		assertThat(text(this.deserializer.deserialize(in))).isEmpty();
	}

	/** A lone CR ends a line, as it does on many IRC servers; CR LF is still one end. */
	@Test
	void aLoneCrEndsALine() throws IOException {
		for (InputStream in : List.of(stream("a\rb\r/ping x\rlast\r\nafter\n"),
				new EndAwareInputStream(stream("a\rb\r/ping x\rlast\r\nafter\n"), 3))) {
			List<String> lines = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				lines.add(text(this.deserializer.deserialize(in)));
			}
			assertThat(lines).containsExactly("a", "b", "/ping x", "last", "after");
		}
	}

	/** The CR ends the line at once (the client may send nothing more); its LF, arriving later, is not a line. */
	@Test
	void aCrLfSplitAcrossReadsIsOneLineEnd() throws IOException {
		Iterator<String> chunks = List.of("one\r", "\ntwo\r", "\r\n").iterator();
		InputStream in = new EndAwareInputStream(new InputStream() {

			@Override
			public int read() {
				throw new UnsupportedOperationException();
			}

			@Override
			public int read(byte[] b, int off, int len) {
				if (!chunks.hasNext()) {
					return -1;
				}
				byte[] chunk = chunks.next().getBytes(StandardCharsets.US_ASCII);
				System.arraycopy(chunk, 0, b, off, chunk.length);
				return chunk.length;
			}
		}, 64);
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("one");
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("two");
		assertThat(text(this.deserializer.deserialize(in))).isEmpty();
		assertThat(this.deserializer.deserialize(in)).isInstanceOf(InboundFrame.EndOfInput.class);
	}

	@Test
	void anOversizedLineEndsAtALoneCrToo() throws IOException {
		InputStream in = new EndAwareInputStream(stream("123456789\rok\r\n"), 4);
		assertThat(this.deserializer.deserialize(in)).isEqualTo(new InboundFrame.Oversized(9));
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("ok");
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

	@Test
	void linesSplitAcrossReadsAreJoined() throws IOException {
		// the socket hands over 3 bytes at a time; the buffer holds 4
		InputStream in = new EndAwareInputStream(chunked("hello\nworld\r\nx\n", 3), 4);
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("hello");
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("world");
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("x");
	}

	@Test
	void aCrLfSplitBetweenTwoReadsEndsTheLineWithoutTheCr() throws IOException {
		// "12345678\r" fills the first read, the LF comes with the next: a line of exactly the limit
		InputStream in = new EndAwareInputStream(reads("12345678\r", "\nabc\r", "\n"), 64);
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("12345678");
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("abc");
	}

	@Test
	void anOversizedLineSpreadOverManyReadsIsSkippedWhole() throws IOException {
		InputStream in = new EndAwareInputStream(chunked("x".repeat(10_000) + "\r\nafter\n123456789\r\n", 7), 16);
		// the CR ends the over-long line, so it does not count towards its length
		assertThat(this.deserializer.deserialize(in)).isEqualTo(new InboundFrame.Oversized(10_000));
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("after");
		assertThat(this.deserializer.deserialize(in)).isEqualTo(new InboundFrame.Oversized(9));
	}

	@Test
	void aLineOfOneByteOverTheLimitSplitAtTheLimitIsOversized() throws IOException {
		InputStream in = new EndAwareInputStream(reads("12345678", "9", "\nok\n"), 64);
		assertThat(this.deserializer.deserialize(in)).isEqualTo(new InboundFrame.Oversized(9));
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("ok");
	}

	@Test
	void theEndOfInputInsideAnOversizedLineIsReportedOnce() throws IOException {
		InputStream in = new EndAwareInputStream(chunked("ok\n" + "y".repeat(50), 5), 8);
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("ok");
		assertThat(this.deserializer.deserialize(in)).isInstanceOf(InboundFrame.EndOfInput.class);
		assertThatThrownBy(() -> this.deserializer.deserialize(in)).isInstanceOf(SoftEndOfStreamException.class);
	}

	/** However the input is cut into reads, and however small the buffer, the frames are the same. */
	@Test
	void framesDoNotDependOnHowTheInputArrives() throws IOException {
		String input = "a\n\r\n12345678\r\n123456789\n" + "z".repeat(40) + "\r\n\r\r\nlast\r\n";
		List<InboundFrame> expected = frames(new EndAwareInputStream(stream(input), 1024));
		// "\r\r\n" is two line ends: a lone CR, then a CR LF
		assertThat(expected).hasSize(8);
		Random random = new Random(42);
		for (int round = 0; round < 500; round++) {
			int chunk = 1 + random.nextInt(12);
			int buffer = 1 + random.nextInt(20);
			assertThat(frames(new EndAwareInputStream(chunked(input, chunk), buffer)))
				.as("reads of %d bytes, a buffer of %d", chunk, buffer)
				.usingRecursiveFieldByFieldElementComparator()
				.isEqualTo(expected);
		}
	}

	private List<InboundFrame> frames(InputStream in) throws IOException {
		List<InboundFrame> frames = new ArrayList<>();
		for (InboundFrame frame = this.deserializer.deserialize(in); !(frame instanceof InboundFrame.EndOfInput);
				frame = this.deserializer.deserialize(in)) {
			frames.add(frame);
		}
		return frames;
	}

	/** A stream that hands over at most {@code size} bytes per read, as a socket may. */
	/**
	 * Whether the next frame is read already ({@link EndAwareInputStream#hasWholeLine}): the session holds back
	 * the writers of a burst while it is, so a yes with no frame to follow would hold them while the reader
	 * waits for the client. The LF of a split CR LF and a partial last line are no frame.
	 */
	@Test
	void aWholeLineIsBufferedOnlyWhenTheNextFrameNeedsNoRead() throws IOException {
		EndAwareInputStream in = new EndAwareInputStream(stream("a\r\nb\rc\r\nlong-line-over-8\npart"), 64);
		assertThat(in.hasWholeLine()).isFalse();
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("a");
		assertThat(in.hasWholeLine()).isTrue();
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("b");
		assertThat(in.hasWholeLine()).isTrue();
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("c");
		// an oversized line is a frame too
		assertThat(in.hasWholeLine()).isTrue();
		assertThat(this.deserializer.deserialize(in)).isInstanceOf(InboundFrame.Oversized.class);
		assertThat(in.hasWholeLine()).isFalse();

		EndAwareInputStream split = new EndAwareInputStream(stream("x\r\n"), 64);
		assertThat(text(this.deserializer.deserialize(split))).isEqualTo("x");
		assertThat(split.hasWholeLine()).isFalse();
	}

	private static InputStream chunked(String s, int size) {
		return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)) {
			@Override
			public synchronized int read(byte[] b, int off, int len) {
				return super.read(b, off, Math.min(len, size));
			}
		};
	}

	/** A stream whose reads return exactly these pieces, one per read. */
	private static InputStream reads(String... pieces) {
		Iterator<String> next = List.of(pieces).iterator();
		return new InputStream() {

			private ByteArrayInputStream current = new ByteArrayInputStream(new byte[0]);

			@Override
			public int read() throws IOException {
				byte[] one = new byte[1];
				return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xff;
			}

			@Override
			public int read(byte[] b, int off, int len) {
				if (this.current.available() == 0) {
					if (!next.hasNext()) {
						return -1;
					}
					this.current = new ByteArrayInputStream(next.next().getBytes(StandardCharsets.UTF_8));
				}
				return this.current.read(b, off, len);
			}

		};
	}

	private static InputStream stream(String s) {
		return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
	}

	private static String text(InboundFrame frame) {
		return new String(((InboundFrame.Line) frame).bytes(), StandardCharsets.UTF_8);
	}

}
