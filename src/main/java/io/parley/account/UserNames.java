package io.parley.account;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.ibm.icu.text.SpoofChecker;

/**
 * User names: an ASCII letter, then ASCII letters, digits, {@code _} or {@code -}, 2 to 32 in all. ASCII only,
 * so no Unicode look-alike letter can make two names look alike; and unique under {@link #key}, so neither can
 * case nor ASCII look-alikes ({@code aIice} and {@code alice}, {@code adrnin} and {@code admin}, {@code ADM1N}
 * and {@code admin}).
 */
public final class UserNames {

	public static final int MAX_LENGTH = 32;

	/** The rule as a regular expression, for Bean Validation on the admin API. */
	public static final String PATTERN = "[A-Za-z][A-Za-z0-9_-]{1,31}";

	private static final Pattern VALID = Pattern.compile(PATTERN);

	/** The characters a valid name is made of: the alphabet whose look-alike classes are worked out below. */
	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

	private static final SpoofChecker SKELETONS = new SpoofChecker.Builder().build();

	/**
	 * Each name character's class: itself, its other case, and what Unicode's confusables map it to alone
	 * ({@code I} and {@code 1} to {@code l}, {@code 0} to {@code O}), closed over all three. Case matters to the
	 * skeletons ({@code I} looks like {@code l}, {@code i} does not) but not to Parley's names, so the two
	 * relations have to be joined: {@code ADMIN} is {@code admin} by case and {@code ADM1N} by look, and so
	 * {@code adm1n} must be {@code admin} too. Worked out from ICU's data, not written down here, so a new
	 * Unicode version's confusables come with the library.
	 */
	private static final Map<Character, Character> CLASS = lookAlikeClasses();

	/** Keys are looked up for every room line (members by key): computing a skeleton each time costs more. */
	private static final Cache<String, String> KEYS = Caffeine.newBuilder().maximumSize(100_000).build();

	private UserNames() {
	}

	public static boolean isValid(String name) {
		return name != null && VALID.matcher(name).matches();
	}

	/**
	 * The form names are compared and stored under: two names with the same key are the same name. The TR 39
	 * skeleton of the name with each character replaced by its class, classes applied again to the skeleton
	 * (which turns {@code m} into {@code rn}). Up to twice as long as the name.
	 */
	/**
	 * Where a name stands in a listing: as people read it, ignoring case. The look-alike {@link #key} is no order
	 * for people ({@code m} is {@code rn} there, {@code i} is {@code l}); two names online never share this one,
	 * as they would share a key.
	 */
	public static String sortKey(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	public static String key(String name) {
		return KEYS.get(name, UserNames::computeKey);
	}

	private static String computeKey(String name) {
		return byClass(SKELETONS.getSkeleton(byClass(name)));
	}

	private static String byClass(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			out.append(CLASS.getOrDefault(c, c));
		}
		return out.toString().toLowerCase(Locale.ROOT);
	}

	private static Map<Character, Character> lookAlikeClasses() {
		Map<Character, Character> parent = new HashMap<>();
		for (char c : ALPHABET.toCharArray()) {
			union(parent, c, Character.toLowerCase(c));
			String skeleton = SKELETONS.getSkeleton(String.valueOf(c));
			if (skeleton.length() == 1) {
				union(parent, c, skeleton.charAt(0));
			}
		}
		Map<Character, Character> classes = new HashMap<>();
		for (char c : parent.keySet()) {
			classes.put(c, root(parent, c));
		}
		return Map.copyOf(classes);
	}

	/** Joins two classes under the smaller root, so the classes do not depend on the order they are met in. */
	private static void union(Map<Character, Character> parent, char a, char b) {
		char rootA = root(parent, a);
		char rootB = root(parent, b);
		if (rootA != rootB) {
			parent.put((char) Math.max(rootA, rootB), (char) Math.min(rootA, rootB));
		}
	}

	private static char root(Map<Character, Character> parent, char c) {
		char at = c;
		while (parent.containsKey(at) && parent.get(at) != at) {
			at = parent.get(at);
		}
		return at;
	}

}
