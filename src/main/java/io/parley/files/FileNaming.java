package io.parley.files;

import java.util.Locale;
import java.util.Set;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import io.parley.protocol.TextCleaner;

/**
 * What a client says a file is called and what type it has, made safe to keep and to show: the bytes are stored
 * under their hash, so a name never reaches the file system, but it reaches chat lines, links and
 * {@code Content-Disposition}; a type reaches {@code Content-Type}.
 */
final class FileNaming {

	static final String DEFAULT_NAME = "file";

	static final String DEFAULT_TYPE = MediaType.APPLICATION_OCTET_STREAM_VALUE;

	/** Longest name kept, in code points (the column holds 255 characters). */
	static final int MAX_NAME = 200;

	/**
	 * The types a browser may show in the page rather than download: raster images, which run no script. SVG is
	 * not one of them (it can hold script), nor is anything that is a document.
	 */
	static final Set<String> INLINE_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

	private FileNaming() {
	}

	/**
	 * The last part of a path-like name ({@code ../../etc/passwd} is {@code passwd}), without control or
	 * bidirectional-override characters, leading or trailing dots and spaces, cut to {@value #MAX_NAME} code
	 * points; {@value #DEFAULT_NAME} when nothing is left.
	 */
	static String safeName(String raw) {
		if (raw == null) {
			return DEFAULT_NAME;
		}
		String name = TextCleaner.clean(raw);
		int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
		name = name.substring(slash + 1);
		int start = 0;
		int end = name.length();
		while (start < end && (name.charAt(start) == '.' || name.charAt(start) == ' ')) {
			start++;
		}
		while (end > start && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == ' ')) {
			end--;
		}
		name = name.substring(start, end);
		if (name.codePointCount(0, name.length()) > MAX_NAME) {
			name = name.substring(0, name.offsetByCodePoints(0, MAX_NAME));
		}
		return name.isEmpty() ? DEFAULT_NAME : name;
	}

	/**
	 * {@code type/subtype} in lower case, with a {@code charset} for text; {@value #DEFAULT_TYPE} for anything that
	 * does not parse, a wildcard, or a form encoding (what {@code curl --data-binary} sends when not told a type).
	 */
	static String safeType(String raw) {
		if (raw == null || raw.isBlank()) {
			return DEFAULT_TYPE;
		}
		try {
			MediaType type = MediaType.parseMediaType(raw);
			if (type.isWildcardType() || type.isWildcardSubtype()
					|| type.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)) {
				return DEFAULT_TYPE;
			}
			String plain = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
			if (plain.length() > 100) {
				return DEFAULT_TYPE;
			}
			String charset = type.getParameter("charset");
			return (type.getType().equalsIgnoreCase("text") && charset != null && charset.matches("[A-Za-z0-9._-]{1,40}"))
					? plain + ";charset=" + charset.toLowerCase(Locale.ROOT) : plain;
		}
		catch (InvalidMediaTypeException ex) {
			return DEFAULT_TYPE;
		}
	}

	/** Whether a browser may show a file of this type in place ({@link #INLINE_TYPES}). */
	static boolean inline(String type) {
		return INLINE_TYPES.contains(type);
	}

	/** Whether {@code type} matches {@code pattern}: equal, or {@code image/*} for any image. */
	static boolean matches(String type, String pattern) {
		String plain = type.contains(";") ? type.substring(0, type.indexOf(';')) : type;
		String p = pattern.strip().toLowerCase(Locale.ROOT);
		return p.endsWith("/*") ? plain.startsWith(p.substring(0, p.length() - 1)) : plain.equals(p);
	}

}
