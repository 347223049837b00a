package io.parley.account;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * User names: an ASCII letter, then ASCII letters, digits, {@code _} or {@code -}, 2 to 32 in all. ASCII
 * only, so no two names can look alike through Unicode look-alike letters. Unique ignoring case.
 */
public final class UserNames {

	public static final int MAX_LENGTH = 32;

	/** The rule as a regular expression, for Bean Validation on the admin API. */
	public static final String PATTERN = "[A-Za-z][A-Za-z0-9_-]{1,31}";

	private static final Pattern VALID = Pattern.compile(PATTERN);

	private UserNames() {
	}

	public static boolean isValid(String name) {
		return name != null && VALID.matcher(name).matches();
	}

	/** The form names are compared and stored under. */
	public static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

}
