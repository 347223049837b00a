package io.parley.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import org.springframework.stereotype.Service;

import io.parley.account.Account;
import io.parley.account.AccountProperties;
import io.parley.account.AccountService;
import io.parley.account.UserNames;
import io.parley.protocol.ChatError;
import io.parley.protocol.Reply;
import io.parley.protocol.RoomMode;
import io.parley.protocol.TextCleaner;
import io.parley.session.Session;

/**
 * What owners and operators do to a room, for both protocols: its topic, kicks, invites, and changes of roles,
 * lists and flags ({@link RoomMode}). Every command passes one gate, {@link #permit}, which checks the table of
 * {@link RoomAction}s against the actor's role under the room's lock; nothing changes when it refuses. Each change
 * is written to the store (stored rooms) and published as a room event under the lock, so every member sees it
 * at the same point of the room's order as every other line; the actor sees it too, as its confirmation.
 * <p>
 * Longer than most classes here: the gate, the check of each kind of change (roles, lists, flags) and the room
 * queries the protocols render are kept together so that who may do what, and with which argument, reads in one
 * file; making the checked changes is {@link RoomChanges}.
 */
@Service
public class RoomModeration {

	private final RoomDirectory rooms;

	private final Presence presence;

	private final ServerAdmins admins;

	private final AccountService accounts;

	private final ChatEventPublisher events;

	private final RoomProperties properties;

	private final AccountProperties accountProperties;

	/** Cluster mode (issue 22): a room's members on other nodes may be kicked, given roles, listed. */
	private final ClusterLinks cluster;

	RoomModeration(RoomDirectory rooms, Presence presence, ServerAdmins admins, AccountService accounts,
			ChatEventPublisher events, RoomProperties properties, AccountProperties accountProperties,
			ClusterLinks cluster) {
		this.accountProperties = accountProperties;
		this.cluster = cluster;
		this.rooms = rooms;
		this.presence = presence;
		this.admins = admins;
		this.accounts = accounts;
		this.events = events;
		this.properties = properties;
	}

	/** What became of a change of modes. */
	public enum Outcome {

		/** Refused; the session was told why, and nothing changed. */
		REFUSED,
		/** Changed; every member (the actor too) got the change. */
		CHANGED,
		/** Allowed, but it changed nothing (the role held, the flag set already). */
		UNCHANGED

	}

	/** Sets the topic; an empty {@code text} clears it. */
	public void topic(Session session, String room, String text) {
		String clean = TextCleaner.clean(text).strip();
		act(session, room, (r, admin) -> setTopic(r, session.user(), admin, clean));
	}

	/** Removes {@code target} from the room, for {@code reason} (may be null). */
	public void kick(Session session, String room, String target, String reason) {
		String clean = (reason != null) ? TextCleaner.clean(reason).strip() : "";
		act(session, room, (r, admin) -> kick(r, session.user(), admin, target, clean));
	}

	/** Lets {@code target}, who is online, into the room once; the invitee is told, the session gets {@code OK invite}. */
	public boolean invite(Session session, String room, String target) {
		return act(session, room, (r, admin) -> invite(r, session, admin, target)) == Outcome.CHANGED;
	}

	/** Makes all of {@code changes}, or none when one of them is refused. */
	public Outcome change(Session session, String room, List<RoomMode.Change> changes) {
		if (changes.size() > this.properties.modesPerCommand()) {
			String name = RoomNames.isValid(room) ? RoomNames.canonical(room) : TextCleaner.excerpt(room);
			ChatInput.refuse(session, ChatError.Kind.TOO_MANY_MODES, name, this.properties.modesPerCommand());
			return Outcome.REFUSED;
		}
		return act(session, room, (r, admin) -> change(r, session.user(), admin, changes));
	}

	/**
	 * The one way into a room command: a room with members, the actor's admin status read once, then the command
	 * under the room's lock; a refusal (a {@link ChatError}) goes to the session.
	 */
	private Outcome act(Session session, String room, BiFunction<Room, Boolean, Object> command) {
		String name = ChatInput.roomName(session, room);
		if (name == null) {
			return Outcome.REFUSED;
		}
		Optional<Room> target = this.rooms.find(name);
		if (target.isEmpty()) {
			ChatInput.refuse(session, ChatError.Kind.NO_ROOM_TO_ACT, name);
			return Outcome.REFUSED;
		}
		boolean admin = this.admins.isAdmin(session);
		Room r = target.get();
		Object result = r.locked(() -> r.closedLocked() ? ChatError.of(ChatError.Kind.NO_ROOM_TO_ACT, name)
				: command.apply(r, admin));
		if (result instanceof ChatError refused) {
			session.send(new Reply.Refused(refused));
			return Outcome.REFUSED;
		}
		return (result instanceof Outcome outcome) ? outcome : Outcome.CHANGED;
	}

	/**
	 * The gate of every room command: the actor's role in the room against the least role the action needs
	 * ({@link RoomAction}); a server admin may do what an owner may. Null when allowed, else why not.
	 */
	static ChatError permit(Room room, String actor, boolean admin, RoomAction action) {
		RoomRole role = standing(room, actor);
		boolean owned = room.rules().owner() != null;
		if (action.allows(role, admin, owned)) {
			return null;
		}
		if (!role.atLeast(RoomRole.MEMBER)) {
			return ChatError.of(ChatError.Kind.NOT_IN_ROOM_TO_ACT, room.name());
		}
		return ChatError.of(ChatError.Kind.ROOM_RANK, room.name(), action.words(),
				(owned ? action.least() : action.leastUnowned()).word());
	}

	/** Where {@code actor} stands in the room: its role as a member, else outside it, or banned from it. */
	static RoomRole standing(Room room, String actor) {
		if (actor == null || room.memberLocked(actor) == null) {
			return (actor != null && room.rules().listed(StoredRoom.RoomList.BAN, actor)) ? RoomRole.BANNED
					: RoomRole.OUTSIDER;
		}
		return room.rules().roleOf(actor);
	}

	private Object setTopic(Room room, String actor, boolean admin, String text) {
		RoomRules rules = room.rules();
		ChatError refused = permit(room, actor, admin,
				rules.flags().topicLocked() ? RoomAction.SET_LOCKED_TOPIC : RoomAction.SET_TOPIC);
		if (refused != null) {
			return refused;
		}
		if (text.codePointCount(0, text.length()) > this.properties.topicLength()) {
			return ChatError.of(ChatError.Kind.TOPIC_TOO_LONG, room.name(), this.properties.topicLength());
		}
		ChatEvent.Stamp stamp = ChatEvent.Stamp.now();
		rules.topic(text.isEmpty() ? null : new StoredRoom.Topic(text, actor, stamp.time()));
		if (rules.stored()) {
			room.store().update(room.name(), rules.owner(), rules.topic(), rules.flags());
		}
		room.publishLocked(new ChatEvent.TopicChanged(stamp.id(), stamp.time(), room.name(), room.nextSeq(), actor,
				text), null);
		return Outcome.CHANGED;
	}

	private Object kick(Room room, String actor, boolean admin, String target, String reason) {
		ChatError refused = permit(room, actor, admin, RoomAction.KICK);
		if (refused != null) {
			return refused;
		}
		OnlineUser member = room.memberLocked(target);
		if (member == null) {
			String elsewhere = memberElsewhere(room, target);
			if (elsewhere == null) {
				return ChatError.of(ChatError.Kind.TARGET_NOT_IN_ROOM, room.name(), TextCleaner.excerpt(target));
			}
			if (!admin && outranks(room, elsewhere, actor)) {
				return ChatError.of(ChatError.Kind.TARGET_OUTRANKS, room.name(), elsewhere);
			}
			// the member's own node takes it out when the kick reaches it (chat.RemoteDelivery)
			ChatEvent.Stamp stamp = ChatEvent.Stamp.now();
			room.publishLocked(new ChatEvent.Kicked(stamp.id(), stamp.time(), room.name(), room.nextSeq(), actor,
					elsewhere, reason), null);
			return Outcome.CHANGED;
		}
		if (!admin && outranks(room, member.name(), actor)) {
			return ChatError.of(ChatError.Kind.TARGET_OUTRANKS, room.name(), member.name());
		}
		removeMember(room, member, actor, reason);
		return Outcome.CHANGED;
	}

	/** Takes {@code member} out of the room with a kick every member sees, the one kicked too. */
	void removeMember(Room room, OnlineUser member, String by, String reason) {
		ChatEvent.Stamp stamp = ChatEvent.Stamp.now();
		room.publishLocked(new ChatEvent.Kicked(stamp.id(), stamp.time(), room.name(), room.nextSeq(), by,
				member.name(), reason), null);
		room.removeLocked(member, this.rooms.dropWhenEmpty(room));
	}

	/** Cluster mode: {@code name} as shown when it is a member of the room on another node only; else null. */
	private String memberElsewhere(Room room, String name) {
		ClusterLink link = this.cluster.link();
		if (link == null) {
			return null;
		}
		String key = UserNames.key(name);
		return link.membersElsewhere(room.name())
			.stream()
			.filter(member -> UserNames.key(member).equals(key))
			.findFirst()
			.orElse(null);
	}

	/** Whether {@code target}'s role in the room is above {@code actor}'s. */
	private static boolean outranks(Room room, String target, String actor) {
		return room.rules().roleOf(target).compareTo(standing(room, actor)) > 0;
	}

	private Object invite(Room room, Session session, boolean admin, String target) {
		RoomRules rules = room.rules();
		ChatError refused = permit(room, session.user(), admin,
				rules.flags().inviteOnly() ? RoomAction.INVITE_TO_INVITE_ONLY : RoomAction.INVITE);
		if (refused != null) {
			return refused;
		}
		Optional<OnlineUser> invitee = this.presence.find(target);
		if (invitee.isEmpty()) {
			return ChatError.of(ChatError.Kind.NO_SUCH_USER, TextCleaner.excerpt(target));
		}
		String name = invitee.get().name();
		if (room.memberLocked(name) != null) {
			return ChatError.of(ChatError.Kind.TARGET_IN_ROOM, room.name(), name);
		}
		ChatEvent.Stamp stamp = ChatEvent.Stamp.now();
		StoredRoom.ListEntry entry = new StoredRoom.ListEntry(StoredRoom.RoomList.INVITE_ONCE, name, session.user(),
				stamp.time());
		rules.add(entry);
		if (rules.stored() && !invitee.get().guest()) {
			room.store().addEntry(room.name(), entry);
		}
		session.send(new Reply.Ok("invite", room.name() + " " + name));
		this.events.publish(new ChatEvent.Invited(stamp.id(), stamp.time(), room.name(), session.user(), name),
				invitee.get(), null);
		return Outcome.CHANGED;
	}

	/** Checks every change, then makes them all, so a refusal leaves the room as it was. */
	Object change(Room room, String actor, boolean admin, List<RoomMode.Change> requested) {
		List<RoomMode.Change> checked = new ArrayList<>(requested.size());
		for (RoomMode.Change change : requested) {
			ChatError refused = permit(room, actor, admin, RoomAction.changing(change.mode()));
			Object result = (refused != null) ? refused : check(room, actor, admin, change);
			if (result instanceof ChatError error) {
				return error;
			}
			checked.add((RoomMode.Change) result);
		}
		List<RoomMode.Change> made = new RoomChanges(room, this::isGuestOnline).apply(checked, actor);
		if (made.isEmpty()) {
			return Outcome.UNCHANGED;
		}
		ChatEvent.Stamp stamp = ChatEvent.Stamp.now();
		room.publishLocked(new ChatEvent.ModesChanged(stamp.id(), stamp.time(), room.name(), room.nextSeq(), actor,
				made), null);
		// a ban of someone present removes them, after the ban is seen
		for (RoomMode.Change change : made) {
			OnlineUser banned = (change.mode() == RoomMode.BAN && change.on()) ? room.memberLocked(change.argument())
					: null;
			if (banned != null) {
				removeMember(room, banned, actor, "banned");
			}
		}
		return Outcome.CHANGED;
	}

	private boolean isGuestOnline(String name) {
		return this.presence.find(name).map(OnlineUser::guest).orElse(false);
	}

	/** The change with its argument checked and its name as held (an account's, a member's); or why not. */
	private Object check(Room room, String actor, boolean admin, RoomMode.Change change) {
		String argument = change.argument();
		String word = RoomChanges.word(change.mode());
		return switch (change.mode().kind()) {
			case ROLE -> checkRole(room, change, argument, word);
			case LIST -> checkList(room, actor, admin, change, argument, word);
			case FLAG -> checkFlag(room, change, argument, word);
		};
	}

	private Object checkRole(Room room, RoomMode.Change change, String argument, String word) {
		if (argument == null || argument.isEmpty()) {
			return ChatError.of(ChatError.Kind.MODE_ARGUMENT, room.name(), word, "a name");
		}
		if (change.mode() == RoomMode.OWNER) {
			if (!change.on()) {
				return ChatError.of(ChatError.Kind.MODE_ARGUMENT, room.name(), word,
						"a room always has an owner; hand it to another account instead");
			}
			return this.accounts.find(argument)
				.<Object>map(account -> new RoomMode.Change(true, RoomMode.OWNER, account.name()))
				.orElseGet(() -> ChatError.of(ChatError.Kind.NO_SUCH_ACCOUNT, room.name(), TextCleaner.excerpt(argument)));
		}
		OnlineUser member = room.memberLocked(argument);
		if (member != null) {
			return new RoomMode.Change(change.on(), change.mode(), member.name());
		}
		String elsewhere = memberElsewhere(room, argument);
		if (elsewhere != null) {
			return new RoomMode.Change(change.on(), change.mode(), elsewhere);
		}
		if (!change.on()) {
			// a stored role of someone not here can be taken away
			String held = room.rules().holders(role(change.mode()))
				.stream()
				.filter(name -> UserNames.key(name).equals(UserNames.key(argument)))
				.findFirst()
				.orElse(null);
			if (held != null) {
				return new RoomMode.Change(false, change.mode(), held);
			}
		}
		if (this.presence.find(argument).isEmpty()) {
			return ChatError.of(ChatError.Kind.NO_SUCH_USER, TextCleaner.excerpt(argument));
		}
		return ChatError.of(ChatError.Kind.TARGET_NOT_IN_ROOM, room.name(), TextCleaner.excerpt(argument));
	}

	private Object checkList(Room room, String actor, boolean admin, RoomMode.Change change, String argument,
			String word) {
		if (argument == null || !UserNames.isValid(argument)) {
			return ChatError.of(ChatError.Kind.MODE_ARGUMENT, room.name(), word, "a user name");
		}
		StoredRoom.RoomList list = RoomChanges.list(change.mode());
		if (!change.on()) {
			return room.rules()
				.entries(list)
				.stream()
				.filter(entry -> UserNames.key(entry.name()).equals(UserNames.key(argument)))
				.findFirst()
				.map(entry -> new RoomMode.Change(false, change.mode(), entry.name()))
				.orElse(new RoomMode.Change(false, change.mode(), argument));
		}
		// an account's name as registered; any other name as typed, when guests may come under it (a guest online
		// now, or one to come: IRC servers take a ban mask of a nick nobody holds); without guests, only accounts
		String name = this.accounts.find(argument)
			.map(Account::name)
			.orElse(this.accountProperties.guests() ? argument : null);
		if (name == null) {
			return ChatError.of(ChatError.Kind.NO_SUCH_ACCOUNT, room.name(), TextCleaner.excerpt(argument));
		}
		if (change.mode() != RoomMode.INVITE && !admin && outranks(room, name, actor)) {
			return ChatError.of(ChatError.Kind.TARGET_OUTRANKS, room.name(), name);
		}
		if (!room.rules().listed(list, name) && room.rules().size(list) >= this.properties.listEntries()) {
			return ChatError.of(ChatError.Kind.ROOM_LIST_FULL, room.name(), word, this.properties.listEntries());
		}
		return new RoomMode.Change(true, change.mode(), name);
	}

	private static Object checkFlag(Room room, RoomMode.Change change, String argument, String word) {
		if (!change.on()) {
			return new RoomMode.Change(false, change.mode(), null);
		}
		if (change.mode() == RoomMode.KEY) {
			if (argument == null || argument.isEmpty() || argument.length() > 64 || !argument.chars()
				.allMatch(c -> c > ' ' && c < 0x7F && c != ',' && c != ':')) {
				return ChatError.of(ChatError.Kind.MODE_ARGUMENT, room.name(), word,
						"a key of 1-64 printable ASCII characters, without spaces, commas or colons");
			}
			return change;
		}
		if (change.mode() == RoomMode.LIMIT) {
			int limit;
			try {
				limit = Integer.parseInt((argument != null) ? argument : "");
			}
			catch (NumberFormatException ex) {
				limit = 0;
			}
			if (limit < 1 || limit > 1_000_000) {
				return ChatError.of(ChatError.Kind.MODE_ARGUMENT, room.name(), word, "a number from 1 to 1000000");
			}
			return new RoomMode.Change(true, RoomMode.LIMIT, Integer.toString(limit));
		}
		return new RoomMode.Change(true, change.mode(), null);
	}

	static RoomRole role(RoomMode mode) {
		return switch (mode) {
			case OWNER -> RoomRole.OWNER;
			case OPERATOR -> RoomRole.OPERATOR;
			case VOICE -> RoomRole.VOICE;
			default -> throw new IllegalArgumentException("not a role: " + mode);
		};
	}

	/** Tells {@code session} what the room is: owner, topic, flags, operators, voices. */
	public void info(Session session, String room) {
		String name = ChatInput.roomName(session, room);
		if (name == null) {
			return;
		}
		Optional<RoomOverview> overview = overview(name, session.user());
		if (overview.isEmpty() || (overview.get().flags().secret() && !overview.get().asker().atLeast(RoomRole.MEMBER))) {
			ChatInput.refuse(session, ChatError.Kind.NO_ROOM_TO_LIST, name);
			return;
		}
		RoomOverview o = overview.get();
		session.send(new Reply.RoomInfo(o.room(), o.owner(), (o.topic() != null) ? o.topic().text() : "",
				(o.topic() != null) ? o.topic().by() : null, (o.topic() != null) ? o.topic().at() : null,
				o.flags().asChanges(), o.operators(), o.voices(), o.members()));
	}

	/** A live room as one user sees it ({@code asker}: its standing there). */
	public record RoomOverview(String room, String owner, StoredRoom.Topic topic, RoomFlags flags, Instant createdAt,
			List<String> operators, List<String> voices, int members, RoomRole asker) {
	}

	/** A room that has members, as {@code asker} (may be null) sees it; empty when it has none. */
	public Optional<RoomOverview> overview(String room, String asker) {
		if (!RoomNames.isValid(room)) {
			return Optional.empty();
		}
		return this.rooms.find(RoomNames.canonical(room)).flatMap(r -> r.locked(() -> r.closedLocked()
				? Optional.<RoomOverview>empty()
				: Optional.of(new RoomOverview(r.name(), r.rules().owner(), r.rules().topic(), r.rules().flags(),
						r.rules().createdAt(), r.rules().holders(RoomRole.OPERATOR), r.rules().holders(RoomRole.VOICE),
						r.membersLocked().size(), standing(r, asker)))));
	}

	/** A member's name and role, for listings that show roles (IRC's NAMES prefixes). */
	public record RoomMember(String name, RoomRole role) {
	}

	/** Up to {@code limit} members of {@code room} after {@code after}, by name, with their roles. */
	public List<RoomMember> membersAfter(String room, String after, int limit) {
		if (!RoomNames.isValid(room)) {
			return List.of();
		}
		ClusterLink link = this.cluster.link();
		return this.rooms.find(RoomNames.canonical(room)).map(r -> r.locked(() -> {
			List<String> names = r.memberNamesAfter(after, limit);
			if (link != null) {
				names = Listings.merged(names, link.membersElsewhere(r.name()), after, limit);
			}
			List<RoomMember> page = new ArrayList<>(Math.min(limit, 256));
			for (String name : names) {
				page.add(new RoomMember(name, r.rules().roleOf(name)));
			}
			return page;
		})).orElse(List.of());
	}

	/** One of a live room's lists, in the order names were put on it; empty when the room has no members. */
	public List<StoredRoom.ListEntry> entries(String room, StoredRoom.RoomList list) {
		if (!RoomNames.isValid(room)) {
			return List.of();
		}
		return this.rooms.find(RoomNames.canonical(room))
			.map(r -> r.locked(() -> r.rules().entries(list)))
			.orElse(List.of());
	}

}
