package io.parley.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time scan finds what a byte-at-a-time one finds: the first LF at or after the start (or the end of the
 * batch), and whether a byte before it is not ASCII, wherever both fall within or across the eight-byte words.
 */
class LineEndsTest {

	@Test
	void findsTheLineEndAndWhetherTheLineIsAsciiWhereverTheyFall() {
		Random random = new Random(19);
		byte[] alphabet = { 'a', ' ', '\r', '\n', (byte) 0xC3, (byte) 0xA9, (byte) 0x80, (byte) 0xFF, 0x7F, 0x0B, 0x09 };
		for (int round = 0; round < 20_000; round++) {
			byte[] lines = new byte[random.nextInt(40)];
			for (int i = 0; i < lines.length; i++) {
				lines[i] = (random.nextInt(4) == 0) ? alphabet[random.nextInt(alphabet.length)] : (byte) 'x';
			}
			int start = (lines.length == 0) ? 0 : random.nextInt(lines.length + 1);
			assertThat(LineEnds.find(lines, start)).as("%s from %d", java.util.Arrays.toString(lines), start)
				.isEqualTo(byteAtATime(lines, start));
		}
	}

	@Test
	void aLineOfOnlyAsciiAfterOneThatIsNotIsAscii() {
		byte[] lines = "caf\u00e9 au lait\r\nplain line\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		int first = LineEnds.find(lines, 0);
		assertThat(first).isNegative();
		assertThat(LineEnds.find(lines, -first - 1 + 1)).isEqualTo(lines.length - 1);
	}

	private static int byteAtATime(byte[] lines, int start) {
		int end = start;
		boolean ascii = true;
		while (end < lines.length && lines[end] != '\n') {
			ascii &= lines[end] >= 0;
			end++;
		}
		return ascii ? end : -end - 1;
	}

}
