package io.parley.tcp;

import java.io.BufferedInputStream;
import java.io.InputStream;

/**
 * The buffered socket stream of one connection. Buffering turns the line deserializer's one-byte reads
 * into memory reads instead of one system call per byte; the flag lets the deserializer report the end
 * of input exactly once before it ends the stream.
 */
final class EndAwareInputStream extends BufferedInputStream {

	private volatile boolean endReported;

	EndAwareInputStream(InputStream in, int size) {
		super(in, size);
	}

	/** True the first time only. */
	boolean markEndReported() {
		if (this.endReported) {
			return false;
		}
		this.endReported = true;
		return true;
	}

}
