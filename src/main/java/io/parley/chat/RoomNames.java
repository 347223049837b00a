package io.parley.chat;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Room names: ASCII letters, digits, {@code _} and {@code -}, up to 32, with an optional leading {@code #}
 * (so IRC's {@code #lobby} and the line protocol's {@code lobby} are one room). Compared ignoring case and
 * shown lower-case without the {@code #}.
 */
public final class RoomNames {

	public static final int MAX_LENGTH = 32;

	/** The rule as a regular expression, for Bean Validation on the admin API. */
	public static final String PATTERN = "#?[A-Za-z0-9_-]{1,32}";

	private static final Pattern VALID = Pattern.compile(PATTERN);

	private RoomNames() {
	}

	public static boolean isValid(String room) {
		return room != null && VALID.matcher(room).matches();
	}

	/** The room's one spelling: lower-case, no {@code #}. */
	public static String canonical(String room) {
		return (room.startsWith("#") ? room.substring(1) : room).toLowerCase(Locale.ROOT);
	}

}
