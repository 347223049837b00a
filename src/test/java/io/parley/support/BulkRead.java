package io.parley.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reading megabytes from a client at once. {@link ChatClient} reads a byte per system call, which is right for a
 * few lines and far too slow for what piles up in the kernel for a client that stopped reading.
 */
public final class BulkRead {

	private BulkRead() {
	}

	/**
	 * Everything the server still sends this client, read in bulk until the server closes the connection (end of
	 * stream or reset); fails if it does not close within {@code wait}. Read nothing through the
	 * {@link ChatClient} afterwards.
	 */
	public static String untilClosed(ChatClient client, Duration wait) throws IOException {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		long deadline = System.nanoTime() + wait.toNanos();
		InputStream in = client.socket().getInputStream();
		byte[] buffer = new byte[256 * 1024];
		client.socket().setSoTimeout(250);
		while (System.nanoTime() < deadline) {
			try {
				int n = in.read(buffer);
				if (n < 0) {
					return received.toString(StandardCharsets.UTF_8);
				}
				received.write(buffer, 0, n);
			}
			catch (SocketTimeoutException ex) {
				// nothing for a moment: keep waiting until the deadline
			}
			catch (IOException ex) {
				return received.toString(StandardCharsets.UTF_8); // reset by the server counts as closed
			}
		}
		return fail("connection still open after " + wait + ", " + received.size() + " bytes read");
	}

}
