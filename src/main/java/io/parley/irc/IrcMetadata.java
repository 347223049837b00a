package io.parley.irc;

import static io.parley.irc.IrcCommands.client;
import static io.parley.irc.IrcCommands.isChannel;
import static io.parley.irc.IrcCommands.send;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.parley.account.UserNames;
import io.parley.chat.Listings;
import io.parley.chat.RoomModeration;
import io.parley.chat.RoomNames;
import io.parley.chat.RoomRole;
import io.parley.chat.UserStatus;
import io.parley.protocol.TextCleaner;
import io.parley.session.Session;

/**
 * IRCv3 {@code draft/metadata-3} (the metadata-2 pull request): key-values on users and channels, read with
 * {@code METADATA <target> GET|LIST}, set with {@code SET|CLEAR}, and pushed to clients that {@code SUB}scribe to
 * keys: when a user that shares a channel with them or a channel they are in changes one, and when they join.
 * <p>
 * Kept in memory only: a user's values are its IRC session's (in {@link IrcClient}, gone with the session, settable
 * before registration), a channel's last while the channel does (a channel that empties and is made again starts
 * bare: its creation time is kept with its values). A user sets its own values, a channel's operators the channel's;
 * a channel that is invite-only or secret shows its values to its members only. Bounded per target and session:
 * {@value #MAX_KEYS} keys, values of {@value #MAX_VALUE_BYTES} bytes, {@value #MAX_SUBS} subscriptions.
 * <p>
 * Longer than most classes here: eight subcommands, each with its refusals, share one way to resolve a target (and
 * who may read or change it) and one batch; split up, each part would need those passed to it.
 */
final class IrcMetadata {

	static final String CAPABILITY = "draft/metadata-3";

	static final int MAX_KEYS = 20;

	static final int MAX_VALUE_BYTES = 300;

	static final int MAX_SUBS = 50;

	static final int MAX_KEY_LENGTH = 64;

	/** What {@code CAP LS 302} says of the capability. */
	static final String CAP_VALUE = "before-connect,max-subs=" + MAX_SUBS + ",max-keys=" + MAX_KEYS
			+ ",max-value-bytes=" + MAX_VALUE_BYTES;

	private final IrcServer server;

	private final Listings listings;

	private final UserStatus users;

	private final RoomModeration moderation;

	/** A channel's values by its canonical name, with the creation time of the channel they belong to. */
	private final Map<String, ChannelValues> channels = new ConcurrentHashMap<>();

	private record ChannelValues(Instant createdAt, Map<String, String> values) {
	}

	/** A target as the client named it resolved: whose values, as shown in replies. */
	private record Target(String shown, Map<String, String> values, boolean writable, boolean readable) {
	}

	IrcMetadata(IrcServer server, Listings listings, UserStatus users, RoomModeration moderation) {
		this.server = server;
		this.listings = listings;
		this.users = users;
		this.moderation = moderation;
	}

	void metadata(Session session, List<String> args) {
		IrcClient client = client(session);
		String sub = args.get(1).toUpperCase(Locale.ROOT);
		List<String> rest = args.subList(2, args.size());
		switch (sub) {
			case "SUB" -> subscribe(session, client, rest, true);
			case "UNSUB" -> subscribe(session, client, rest, false);
			case "SUBS" -> {
				List<String> subs = List.copyOf(client.metadataSubscriptions());
				send(session, batch(client, "*", (lines, tags) -> {
					for (int from = 0; from < subs.size(); from += 10) {
						List<String> params = new ArrayList<>(List.of(client.me()));
						params.addAll(subs.subList(from, Math.min(subs.size(), from + 10)));
						lines.addPlain(tags, this.server.name(), "772", params.toArray(String[]::new));
					}
				}));
			}
			case "GET", "LIST", "SET", "CLEAR", "SYNC" -> onTarget(session, client, sub, args.get(0), rest);
			default -> fail(session, "SUBCOMMAND_INVALID", "Unknown METADATA subcommand", TextCleaner.excerpt(sub));
		}
	}

	private void onTarget(Session session, IrcClient client, String sub, String name, List<String> rest) {
		Optional<Target> found = target(session, client, name);
		if (found.isEmpty()) {
			fail(session, "INVALID_TARGET", "Invalid target", TextCleaner.excerpt(name));
			return;
		}
		Target target = found.get();
		boolean writes = sub.equals("SET") || sub.equals("CLEAR");
		if (writes ? !target.writable() : !target.readable()) {
			String key = (sub.equals("SET") && !rest.isEmpty()) ? TextCleaner.excerpt(rest.get(0)) : "*";
			fail(session, "KEY_NO_PERMISSION", "You may not " + (writes ? "change" : "read") + " this target's metadata",
					target.shown(), key);
			return;
		}
		Map<String, String> values = target.values();
		String shown = target.shown();
		switch (sub) {
			case "GET" -> {
				if (rest.isEmpty()) {
					send(session, client.reply("461", "Not enough parameters", "METADATA"));
					return;
				}
				send(session, batch(client, shown, (lines, tags) -> {
					for (String key : rest) {
						if (!validKey(key)) {
							lines.add(tags, this.server.name(), "FAIL", "Invalid key", "METADATA", "KEY_INVALID",
									TextCleaner.excerpt(key));
						}
						else {
							value(lines, tags, client.me(), shown, key, values.get(key));
						}
					}
				}));
			}
			case "LIST" -> {
				Map<String, String> all = copy(values);
				send(session, batch(client, shown,
						(lines, tags) -> all.forEach((key, value) -> value(lines, tags, client.me(), shown, key, value))));
			}
			case "SYNC" -> {
				Map<String, String> all = copy(values);
				all.keySet().retainAll(client.metadataSubscriptions());
				send(session, batch(client, shown,
						(lines, tags) -> all.forEach((key, value) -> value(lines, tags, client.me(), shown, key, value))));
			}
			case "CLEAR" -> {
				List<String> cleared;
				synchronized (values) {
					cleared = List.copyOf(values.keySet());
					values.clear();
				}
				send(session, batch(client, shown,
						(lines, tags) -> cleared.forEach(key -> value(lines, tags, client.me(), shown, key, null))));
				cleared.forEach(key -> tell(session, name, shown, key, null));
			}
			default -> set(session, client, name, target, rest);
		}
	}

	/** {@code SET <key> [:<value>]}: without a value the key is unset. */
	private void set(Session session, IrcClient client, String name, Target target, List<String> rest) {
		if (rest.isEmpty()) {
			send(session, client.reply("461", "Not enough parameters", "METADATA"));
			return;
		}
		String key = rest.get(0);
		String value = (rest.size() > 1) ? rest.get(1) : null;
		if (!validKey(key)) {
			fail(session, "KEY_INVALID", "Invalid key", TextCleaner.excerpt(key));
			return;
		}
		if (value != null && value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
			fail(session, "INVALID_VALUE", "Value longer than " + MAX_VALUE_BYTES + " bytes", key);
			return;
		}
		Map<String, String> values = target.values();
		synchronized (values) {
			if (value != null && !values.containsKey(key) && values.size() >= MAX_KEYS) {
				fail(session, "LIMIT_REACHED", "At most " + MAX_KEYS + " keys", target.shown());
				return;
			}
			if (value != null) {
				values.put(key, value);
			}
			else {
				values.remove(key);
			}
		}
		send(session, value(new IrcLine(), null, client.me(), target.shown(), key, value));
		tell(session, name, target.shown(), key, value);
	}

	/**
	 * Those subscribed to {@code key} learn its new value (null: unset): the members of the channel, or for a user
	 * those that share a channel with it; never the one that changed it.
	 */
	private void tell(Session changer, String name, String shown, String key, String value) {
		List<String> rooms = isChannel(name) ? List.of(RoomNames.canonical(name))
				: this.users.roomsOf(changer.user());
		Set<Session> told = new HashSet<>(Set.of(changer));
		for (String room : rooms) {
			for (String member : this.listings.roomMembers(room).orElse(List.of())) {
				this.server.directory().session(member)
					.filter(peer -> subscribed(peer, key) && told.add(peer))
					.ifPresent(peer -> send(peer, value(new IrcLine(), null, client(peer).me(), shown, key, value)));
			}
		}
	}

	/**
	 * {@code session} joined {@code room}: it learns the channel's values and its members' for the keys it
	 * subscribed to, and the members that subscribed learn its own.
	 */
	void joined(Session session, String room) {
		IrcClient client = client(session);
		String channel = "#" + room;
		Map<String, Map<String, String>> found = new LinkedHashMap<>();
		ChannelValues values = current(room);
		if (values != null) {
			found.put(channel, subscribedOf(session, values.values()));
		}
		Map<String, String> own = copy(client.metadata());
		for (String member : this.listings.roomMembers(room).orElse(List.of())) {
			if (UserNames.key(member).equals(UserNames.key(session.user()))) {
				continue;
			}
			this.server.directory().session(member).ifPresent(peer -> {
				found.put(member, subscribedOf(session, client(peer).metadata()));
				Map<String, String> theirs = subscribedOf(peer, own);
				if (!theirs.isEmpty()) {
					IrcLine lines = new IrcLine();
					theirs.forEach((key, value) -> value(lines, null, client(peer).me(), session.user(), key, value));
					send(peer, lines);
				}
			});
		}
		found.values().removeIf(Map::isEmpty);
		if (!found.isEmpty()) {
			send(session, batch(client, channel, (lines, tags) -> found.forEach((target, kv) -> kv
				.forEach((key, value) -> value(lines, tags, client.me(), target, key, value)))));
		}
	}

	/** Those of {@code values} that {@code session} subscribed to. */
	private static Map<String, String> subscribedOf(Session session, Map<String, String> values) {
		Map<String, String> all = copy(values);
		IrcClient client = client(session);
		if (!client.has(CAPABILITY)) {
			return Map.of();
		}
		all.keySet().retainAll(client.metadataSubscriptions());
		return all;
	}

	/** Registration is complete: a client that set values before it learns them again under its nick. */
	void registered(Session session) {
		IrcClient client = client(session);
		Map<String, String> own = copy(client.metadata());
		if (!own.isEmpty() && client.has(CAPABILITY)) {
			send(session, batch(client, client.me(), (lines, tags) -> own
				.forEach((key, value) -> value(lines, tags, client.me(), client.me(), key, value))));
		}
	}

	/** {@code 760} lines for WHOIS: every value of {@code nick}, an IRC user online. */
	void whois(IrcLine lines, String me, String nick) {
		this.server.directory().session(nick).ifPresent(peer -> copy(client(peer).metadata())
			.forEach((key, value) -> lines.add(null, this.server.name(), "760", value, me, nick, key, "*")));
	}

	private void subscribe(Session session, IrcClient client, List<String> keys, boolean on) {
		if (keys.isEmpty()) {
			send(session, client.reply("461", "Not enough parameters", "METADATA"));
			return;
		}
		IrcLine lines = new IrcLine();
		List<String> done = new ArrayList<>(List.of(client.me()));
		Set<String> subs = client.metadataSubscriptions();
		for (String key : keys) {
			if (!validKey(key)) {
				lines.add(null, this.server.name(), "FAIL", "Invalid key", "METADATA", "KEY_INVALID",
						TextCleaner.excerpt(key));
			}
			else if (on && !subs.contains(key) && subs.size() >= MAX_SUBS) {
				lines.add(null, this.server.name(), "FAIL", "At most " + MAX_SUBS + " subscriptions", "METADATA",
						"TOO_MANY_SUBS", key);
			}
			else {
				if (on) {
					subs.add(key);
				}
				else {
					subs.remove(key);
				}
				done.add(key);
			}
		}
		if (done.size() > 1) {
			lines.addPlain(null, this.server.name(), on ? "770" : "771", done.toArray(String[]::new));
		}
		send(session, lines);
	}

	private Optional<Target> target(Session session, IrcClient client, String name) {
		if (name.equals("*") || (client.nick() != null && UserNames.key(name).equals(UserNames.key(client.nick())))) {
			return Optional.of(new Target(name.equals("*") ? client.me() : client.nick(), client.metadata(), true, true));
		}
		if (!session.isLoggedIn()) {
			return Optional.empty(); // before registration a client has only its own values
		}
		if (isChannel(name)) {
			return this.moderation.overview(name, session.user()).map(room -> {
				String canonical = RoomNames.canonical(name);
				ChannelValues values = this.channels.compute(canonical,
						(k, old) -> (old != null && old.createdAt().equals(room.createdAt())) ? old
								: new ChannelValues(room.createdAt(), java.util.Collections.synchronizedMap(new LinkedHashMap<>())));
				boolean hidden = (room.flags().inviteOnly() || room.flags().secret())
						&& !room.asker().atLeast(RoomRole.MEMBER);
				return new Target("#" + canonical, values.values(), room.asker().atLeast(RoomRole.OPERATOR), !hidden);
			});
		}
		Optional<Session> peer = this.server.directory().session(name);
		if (peer.isPresent()) {
			return Optional.of(new Target(client(peer.get()).me(), client(peer.get()).metadata(), false, true));
		}
		// a line-protocol user online has no values
		return this.users.userInfo(name)
			.map(user -> new Target(user.name(), java.util.Collections.synchronizedMap(new LinkedHashMap<>()), false,
					true));
	}

	/** The values of {@code room} while it is the channel they were set on; null for none. */
	private ChannelValues current(String room) {
		ChannelValues values = this.channels.get(room);
		if (values == null) {
			return null;
		}
		Optional<Instant> createdAt = this.moderation.overview(room, null).map(RoomModeration.RoomOverview::createdAt);
		if (createdAt.isEmpty() || !createdAt.get().equals(values.createdAt())) {
			this.channels.remove(room, values);
			return null;
		}
		return values;
	}

	private static boolean subscribed(Session session, String key) {
		IrcClient client = client(session);
		return client.has(CAPABILITY) && client.metadataSubscriptions().contains(key);
	}

	/** {@code 761} for a value, {@code 766} for a key that has none. */
	private IrcLine value(IrcLine lines, String tags, String me, String target, String key, String value) {
		return (value != null) ? lines.add(tags, this.server.name(), "761", value, me, target, key, "*")
				: lines.add(tags, this.server.name(), "766", "key not set", me, target, key);
	}

	/**
	 * A {@code metadata} batch's replies when the client has {@code batch}: {@code fill} adds them with the tag it is
	 * given (null without a batch).
	 */
	private IrcLine batch(IrcClient client, String target, java.util.function.BiConsumer<IrcLine, String> fill) {
		IrcLine lines = new IrcLine();
		if (!client.has("batch")) {
			fill.accept(lines, null);
			return lines;
		}
		String id = client.nextBatchId();
		lines.addPlain(null, this.server.name(), "BATCH", "+" + id, "metadata", target);
		fill.accept(lines, "batch=" + id);
		return lines.addPlain(null, this.server.name(), "BATCH", "-" + id);
	}

	private void fail(Session session, String code, String text, String... context) {
		List<String> params = new ArrayList<>(List.of("METADATA", code));
		params.addAll(List.of(context));
		send(session, new IrcLine().add(null, this.server.name(), "FAIL", text, params.toArray(String[]::new)));
	}

	/**
	 * A key as the spec has them: lowercase letters, digits and {@code _ . / -}, not starting with {@code -}, at most
	 * {@value #MAX_KEY_LENGTH} of them.
	 */
	static boolean validKey(String key) {
		if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || key.charAt(0) == '-') {
			return false;
		}
		return key.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "_./-".indexOf(c) >= 0);
	}

	private static Map<String, String> copy(Map<String, String> values) {
		synchronized (values) {
			return new LinkedHashMap<>(values);
		}
	}

}
