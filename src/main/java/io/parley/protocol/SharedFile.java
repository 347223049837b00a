package io.parley.protocol;

import java.util.Locale;

/**
 * A file shared in the chat (issue 20), as a message carries it: its link (absolute, with the unguessable
 * part), its name (already made safe to show), its size in bytes and its media type.
 */
public record SharedFile(String url, String name, long size, String mediaType) {

	/** The size as people read it: {@code 512 B}, {@code 12.3 KiB}, {@code 1.0 GiB}. */
	public String readableSize() {
		if (this.size < 1024) {
			return this.size + " B";
		}
		String[] units = { "KiB", "MiB", "GiB", "TiB" };
		double value = this.size;
		int unit = -1;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
	}

}
