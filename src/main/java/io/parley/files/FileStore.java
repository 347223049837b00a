package io.parley.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.springframework.core.io.Resource;

/**
 * Where the bytes of shared files live, named by their SHA-256 so that one content is kept once. Streamed in
 * and out, never held whole in memory. An interface with one implementation today ({@link LocalDiskFileStore})
 * because a cluster (issue 22) needs the same files on every node: shared storage plugs in here, and nothing
 * above it changes.
 */
public interface FileStore {

	/**
	 * Reads {@code body} into a place of its own, hashing it on the way, and stops after {@code maxBytes + 1}
	 * bytes: an {@link Incoming} whose size is past {@code maxBytes} was cut short, and is only to be closed.
	 * A failure while reading leaves nothing behind.
	 */
	Incoming receive(InputStream body, long maxBytes) throws IOException;

	/** The stored content with this hash, readable from any offset (for range requests), if it is there. */
	Optional<Resource> open(String sha256);

	/** Removes the content with this hash; nothing happens when it is not there. */
	void delete(String sha256) throws IOException;

	/** Bytes received but not yet kept or dropped: what {@link Incoming} holds until it is closed. */
	interface Incoming extends AutoCloseable {

		String sha256();

		long size();

		/** Keeps the bytes under their hash (once: a content already stored is not written twice). */
		void keep() throws IOException;

		/** Drops the bytes unless they were kept. */
		@Override
		void close();

	}

}
