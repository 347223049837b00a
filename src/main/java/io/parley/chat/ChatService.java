package io.parley.chat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import io.parley.account.Account;
import io.parley.account.AccountProperties;
import io.parley.account.AccountResult;
import io.parley.account.AccountService;
import io.parley.account.Role;
import io.parley.account.UserNames;
import io.parley.limits.BroadcastAllowance;
import io.parley.limits.BroadcastProperties;
import io.parley.limits.RegistrationLimiter;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.Reply;
import io.parley.protocol.TextCleaner;
import io.parley.session.ReplyPages;
import io.parley.session.Session;
import io.parley.session.SessionProperties;
import io.parley.session.SessionRegistry;
import io.parley.system.LogText;
import io.parley.system.ParleyMetrics;

/**
 * What users can do, whatever protocol they speak: log in, talk privately, in rooms and to everyone. Every
 * outcome is a reply to the acting session or a delivery to others; nothing here throws at a client.
 * Callers have already checked login and arity (see {@link CommandDispatcher}).
 */
@Service
public class ChatService {

	private static final Logger log = LoggerFactory.getLogger(ChatService.class);

	/** The {@code BYE} reason of sessions ended by a change of their account's password. */
	public static final String PASSWORD_CHANGED = "password-changed";

	/**
	 * Entries per page of a long listing: one line of the line protocol (under 4 KiB with the longest names),
	 * a hundred lines of IRC.
	 */
	public static final int PAGE_SIZE = 100;

	private final AccountService accounts;

	private final Presence presence;

	private final RoomDirectory rooms;

	private final SessionProperties sessionProperties;

	private final AccountProperties accountProperties;

	private final SessionRegistry sessions;

	private final ParleyMetrics metrics;

	private final RegistrationLimiter registrations;

	private final BroadcastAllowance broadcasts;

	private final ChatEventPublisher events;

	/** One broadcast at a time, so every session sees broadcasts in the same order. */
	private final ReentrantLock broadcastLock = new ReentrantLock();

	ChatService(AccountService accounts, Presence presence, RoomDirectory rooms, SessionProperties sessionProperties,
			AccountProperties accountProperties, SessionRegistry sessions, ParleyMetrics metrics,
			RegistrationLimiter registrations, BroadcastAllowance broadcasts, ChatEventPublisher events) {
		this.events = events;
		this.broadcasts = broadcasts;
		this.accountProperties = accountProperties;
		this.accounts = accounts;
		this.sessions = sessions;
		this.metrics = metrics;
		this.presence = presence;
		this.rooms = rooms;
		this.sessionProperties = sessionProperties;
		this.registrations = registrations;
	}

	public void register(Session session, String name, String password) {
		if (refuseSecondLogin(session)) {
			return;
		}
		if (!this.registrations.tryRegister(session.remoteHost())) {
			this.metrics.login(session.protocol(), ErrorCode.RATE_LIMITED.wireName());
			error(session, ErrorCode.RATE_LIMITED,
					"too many new accounts from your address this hour; log in, or try again later", name);
			return;
		}
		// whether a guest holds the name is asked where accounts are made, under the name's lock (NameOwnership)
		AccountResult result = this.accounts.register(name, password, session.remoteHost(), this::isGuestOnline);
		if (result instanceof AccountResult.Failure) {
			this.registrations.giveBack(session.remoteHost());
		}
		logIn(session, result, "register");
	}

	public void login(Session session, String name, String password) {
		if (refuseSecondLogin(session)) {
			return;
		}
		logIn(session, checkPassword(session, name, password), "login");
	}

	/** A guest: chats under a name nobody has registered, while online only; when the operator allows it. */
	public void guest(Session session, String name) {
		if (refuseSecondLogin(session)) {
			return;
		}
		Reply.Error refused = enterAsGuest(session, name);
		if (refused != null) {
			session.send(refused);
		}
		else if (!session.isClosed()) {
			session.send(new Reply.Ok("guest", name));
		}
	}

	/**
	 * Checks a password for a login that completes later (IRC's SASL and PASS come before its registration
	 * ends); counts a refusal in the login meter. The lockout applies as for any login.
	 */
	public AccountResult checkPassword(Session session, String name, String password) {
		AccountResult result = this.accounts.login(name, password, session.remoteHost());
		if (result instanceof AccountResult.Failure failure) {
			this.metrics.login(session.protocol(), failure.code().wireName());
		}
		return result;
	}

	private boolean refuseSecondLogin(Session session) {
		if (session.isLoggedIn()) {
			error(session, ErrorCode.ALREADY_LOGGED_IN,
					"this session is logged in as " + session.user() + "; /quit and connect again to switch", null);
			return true;
		}
		return false;
	}

	private void logIn(Session session, AccountResult result, String command) {
		if (result instanceof AccountResult.Failure failure) {
			if (command.equals("register")) {
				this.metrics.login(session.protocol(), failure.code().wireName());
			}
			error(session, failure.code(), failure.text(), null);
			return;
		}
		Account account = ((AccountResult.Success) result).account();
		Reply.Error refused = enter(session, account.name(), command);
		if (refused != null) {
			session.send(refused);
		}
		else if (passwordChangedSince(account)) {
			session.end(new Reply.Bye(PASSWORD_CHANGED), false);
		}
		else if (!session.isClosed()) {
			session.send(new Reply.Ok(command, session.user()));
		}
	}

	public boolean guestsAllowed() {
		return this.accountProperties.guests();
	}

	public boolean accountExists(String name) {
		return this.accounts.exists(name);
	}

	/** Whether a guest is online under {@code name} (or a name that looks like it). */
	public boolean isGuestOnline(String name) {
		return this.presence.find(name).filter(OnlineUser::guest).isPresent();
	}

	/**
	 * A password change ends the account's sessions, and its sweep may come between this login's check of the
	 * old password and its joining them: read once online, the stored hash tells.
	 */
	private boolean passwordChangedSince(Account checked) {
		return this.accounts.find(checked.name())
			.map(now -> !now.passwordHash().equals(checked.passwordHash()))
			.orElse(false);
	}

	/** Puts a guest online; null when done, else the error to show. */
	public Reply.Error enterAsGuest(Session session, String name) {
		if (!this.accountProperties.guests()) {
			return new Reply.Error(ErrorCode.FORBIDDEN, "guest logins are off on this server; /register instead",
					name);
		}
		if (!UserNames.isValid(name)) {
			return new Reply.Error(ErrorCode.BAD_NAME, "a name is 2-32 letters, digits, _ or -, starting with a letter",
					name);
		}
		// decided under the name's lock, so that a registration of the name cannot slip in between
		return this.accounts.unlessRegistered(name, () -> enter(session, name, "guest"),
				() -> new Reply.Error(ErrorCode.NAME_TAKEN, name + " is a registered name; log in, or pick another",
						name));
	}

	/**
	 * Puts a session online as {@code name}, whose password (or guest status) has been checked; null when
	 * done, else the error to show: the user has all the sessions it may have, or a guest holds the name.
	 */
	public Reply.Error enter(Session session, String name, String how) {
		boolean guest = how.equals("guest");
		Optional<OnlineUser> user = this.presence.attach(session, name, this.sessionProperties.maxPerUser(), guest);
		if (user.isEmpty()) {
			boolean inUse = guest || this.presence.find(name).map(OnlineUser::guest).orElse(false);
			ErrorCode code = inUse ? ErrorCode.NAME_TAKEN : ErrorCode.TOO_MANY_SESSIONS;
			this.metrics.login(session.protocol(), code.wireName());
			return new Reply.Error(code, inUse ? name + " is in use; pick another name"
					: name + " already has " + this.sessionProperties.maxPerUser() + " sessions; /quit one of them first",
					name);
		}
		this.metrics.login(session.protocol(), guest ? "guest" : "success");
		session.loggedInAs(user.get().name());
		if (session.isClosed()) {
			// the connection went away while the password was being checked
			sessionEnded(session);
			return null;
		}
		log.info("{} {} from {} ({}, {} session(s))", how, user.get().name(), session.remoteAddress(),
				session.protocol(), user.get().sessions().size());
		if (!guest) {
			endIfBannedOrDeleted(session, user.get().name());
		}
		return null;
	}

	/**
	 * A ban or a deletion that lands while the password is checked ends the sessions it finds online, which
	 * this one was not yet. Read after the session is online, the account tells: either the ban is already
	 * stored, or its sweep of the online sessions comes after this one joined them.
	 */
	private void endIfBannedOrDeleted(Session session, String name) {
		Optional<Account> account = this.accounts.find(name);
		if (account.isEmpty() || account.get().banned()) {
			session.end(new Reply.Bye(account.isEmpty() ? "account-deleted" : "banned"), false);
		}
	}

	public void privateMessage(Session session, String to, String text) {
		privateMessage(session, to, text, false);
	}

	/** @param noReply a message no client may answer automatically */
	public void privateMessage(Session session, String to, String text, boolean noReply) {
		String clean = cleanText(session, text);
		if (clean == null) {
			return;
		}
		Optional<OnlineUser> target = this.presence.find(to);
		if (target.isEmpty()) {
			// an account is named as registered, whatever the case typed; a name nobody holds, as typed (cleaned)
			Optional<String> registered = this.accounts.find(to).map(Account::name);
			if (registered.isPresent()) {
				error(session, ErrorCode.OFFLINE, registered.get() + " is not online; try again later",
						registered.get());
			}
			else {
				String name = TextCleaner.clean(to);
				error(session, ErrorCode.NO_SUCH_USER, "there is no user " + TextCleaner.excerpt(name) + "; /who lists who is online",
						TextCleaner.excerpt(name));
			}
			return;
		}
		this.metrics.messageReceived("private");
		OnlineUser recipient = target.get();
		ChatEvent.Stamp stamp = ChatEvent.Stamp.now();
		// a message to oneself is a note to self: it reaches every session of the sender, this one included, as
		// IRC servers deliver a PRIVMSG to one's own nick; to anyone else it skips the sending session
		boolean toSelf = recipient.name().equals(session.user());
		this.events.publish(new ChatEvent.PrivateMessage(stamp.id(), stamp.time(), session.user(), recipient.name(),
				clean, noReply), toSelf ? (delivery, except) -> recipient.deliver(delivery, null) : recipient, session);
	}

	/** Joins a room, creating it if new; true when the session's user is a member afterwards. */
	public boolean join(Session session, String room) {
		return withUser(session, user -> {
			String name = roomName(session, room);
			if (name == null) {
				return false;
			}
			RoomDirectory.Joined joined = this.rooms.join(name, user, session, new Reply.Ok("join", name));
			if (joined == RoomDirectory.Joined.USER_FULL) {
				error(session, ErrorCode.TOO_MANY_ROOMS, "you are in " + this.rooms.perUser()
						+ " rooms, the most one user may be in; /leave one first", name);
				return false;
			}
			if (joined == RoomDirectory.Joined.SERVER_FULL) {
				error(session, ErrorCode.ROOMS_FULL, "the server holds " + this.rooms.total()
						+ " rooms, its most, and opens no new ones; join a room that exists (/rooms lists them)", name);
				return false;
			}
			session.currentRoom(name);
			return true;
		});
	}

	public void leave(Session session, String room) {
		withUser(session, user -> {
			String name = roomName(session, room);
			if (name == null) {
				return false;
			}
			if (!this.rooms.leave(name, user, session)) {
				error(session, ErrorCode.NOT_IN_ROOM, "you are not in " + name + "; /rooms lists the rooms", name);
				return false;
			}
			session.leftRoom(name, user.rooms()::contains);
			session.send(new Reply.Ok("leave", name));
			return true;
		});
	}

	public void say(Session session, String room, String text) {
		say(session, room, text, false);
	}

	/** @param noReply a message no client may answer automatically */
	public void say(Session session, String room, String text, boolean noReply) {
		withUser(session, user -> {
			String name = roomName(session, room);
			String clean = (name != null) ? cleanText(session, text) : null;
			if (clean == null) {
				return false;
			}
			Optional<Room> target = this.rooms.find(name);
			if (target.isEmpty()) {
				error(session, ErrorCode.NO_ROOM, "there is no room " + name + "; /join " + name + " to open it", name);
			}
			else if (!target.get().say(user, session, clean, noReply)) {
				error(session, ErrorCode.NOT_IN_ROOM, "you are not in " + name + "; /join " + name + " first", name);
			}
			else {
				this.metrics.messageReceived("room");
				session.currentRoom(name);
				return true;
			}
			return false;
		});
	}

	/**
	 * Plain text: to the room the session last joined or spoke in; when its user has left that one (here or from
	 * another session), to the most recent room before it that the user is still in.
	 */
	public void sayInCurrentRoom(Session session, String text) {
		withUser(session, user -> {
			String room = session.currentRoom();
			if (room != null && !user.rooms().contains(room)) {
				room = session.leftRoom(room, user.rooms()::contains);
			}
			if (room == null) {
				error(session, ErrorCode.NOT_IN_ROOM,
						"you are in no room; /join <room> first, or /msg <name> <text> to talk to one person", null);
				return false;
			}
			say(session, room, text);
			return true;
		});
	}

	public void broadcast(Session session, String text) {
		String clean = cleanText(session, text);
		if (clean == null) {
			return;
		}
		Reply.Error refused = refuseBroadcast(session);
		if (refused != null) {
			session.send(refused);
			return;
		}
		this.metrics.messageReceived("broadcast");
		this.broadcastLock.lock();
		try {
			ChatEvent.Stamp stamp = ChatEvent.Stamp.now();
			this.events.publish(new ChatEvent.Broadcast(stamp.id(), stamp.time(), session.user(), clean), this.presence,
					session);
		}
		finally {
			this.broadcastLock.unlock();
		}
	}

	/** Why the session may not broadcast now ({@code parley.broadcast.*}), or null; a refusal is not counted. */
	private Reply.Error refuseBroadcast(Session session) {
		BroadcastProperties rules = this.broadcasts.properties();
		if (!rules.enabled()) {
			return new Reply.Error(ErrorCode.FORBIDDEN, "broadcasts are off on this server; say it in a room");
		}
		if (rules.adminsOnly() && !isAdmin(session)) {
			return new Reply.Error(ErrorCode.FORBIDDEN, "only admins may broadcast on this server; say it in a room");
		}
		if (!this.broadcasts.tryTake(UserNames.key(session.user()))) {
			return new Reply.Error(ErrorCode.RATE_LIMITED, "at most " + rules.perMinute()
					+ " broadcasts a minute (" + rules.burst() + " at once); that one reached nobody, try again later");
		}
		return null;
	}

	/** Whether the session's user is an account with the role ADMIN that is not banned (never a guest). */
	public boolean isAdmin(Session session) {
		return session.isLoggedIn() && this.accounts.find(session.user())
			.filter(account -> account.role() == Role.ADMIN && !account.banned())
			.isPresent();
	}

	/**
	 * Who is online, or in {@code room}: a page of {@value #PAGE_SIZE} names at a time, made as the client reads
	 * (see {@link ReplyPages}), so no list is too long to send and none cuts the asker off.
	 */
	public void who(Session session, String room) {
		if (room == null) {
			session.sendPages(ReplyPages.of(this::onlineNamesAfter, name -> name, PAGE_SIZE,
					(names, first, last) -> session.encoder().encode(new Reply.Who(null, names, !first, !last))));
			return;
		}
		String name = roomName(session, room);
		if (name == null) {
			return;
		}
		if (this.rooms.find(name).isEmpty()) {
			error(session, ErrorCode.NO_ROOM, "there is no room " + name + "; /rooms lists the rooms", name);
			return;
		}
		session.sendPages(ReplyPages.of((after, limit) -> roomMembersAfter(name, after, limit), member -> member,
				PAGE_SIZE, (names, first, last) -> session.encoder().encode(new Reply.Who(name, names, !first, !last))));
	}

	/** Every room with its member count, a page at a time as the client reads, like {@link #who}. */
	public void rooms(Session session) {
		session.sendPages(ReplyPages.of(this.rooms::countsAfter, Reply.RoomCount::room, PAGE_SIZE,
				(counts, first, last) -> session.encoder().encode(new Reply.Rooms(counts, !first, !last))));
	}

	/** Up to {@code limit} rooms after {@code after} (from the first when null), by name, with their counts. */
	public List<Reply.RoomCount> roomCountsAfter(String after, int limit) {
		return this.rooms.countsAfter(after, limit);
	}

	/** Up to {@code limit} names of users online after {@code after} (from the first when null), by name. */
	public List<String> onlineNamesAfter(String after, int limit) {
		return this.presence.namesAfter(after, limit);
	}

	/** Up to {@code limit} members of {@code room} after {@code after}, by name; none when there is no room. */
	public List<String> roomMembersAfter(String room, String after, int limit) {
		return RoomNames.isValid(room) ? this.rooms.find(RoomNames.canonical(room))
			.map(r -> r.memberNamesAfter(after, limit))
			.orElse(List.of()) : List.of();
	}

	public void changePassword(Session session, String oldPassword, String newPassword) {
		AccountResult result = this.accounts.changePassword(session.user(), oldPassword, newPassword,
				session.remoteHost());
		if (result instanceof AccountResult.Failure failure) {
			error(session, failure.code(), failure.text(), null);
		}
		else {
			session.send(new Reply.Ok("passwd", ""));
			// whoever logged in with the old password is out: the sessions that knew it end, this one stays
			int ended = endSessionsOf(session.user(), new Reply.Bye(PASSWORD_CHANGED), session);
			log.info("password of {} changed ({} other session(s) ended)", session.user(), ended);
		}
	}

	public void ping(Session session, String token) {
		session.send(new Reply.Pong(token == null ? "" : TextCleaner.clean(token)));
	}

	public void quit(Session session, String text) {
		String reason = (text == null) ? "" : TextCleaner.clean(text).strip();
		session.quit(new Reply.Bye(reason.isEmpty() ? "quit" : reason));
	}

	/** A session that is still anonymous when its login time is up. */
	public void loginTimedOut(Session session) {
		if (!session.isLoggedIn()) {
			session.end(new Reply.Bye("login-timeout"), false);
		}
	}

	/**
	 * The connection is closed: the user leaves with its last session, and the other members are told.
	 * Runs on whatever thread saw the close.
	 */
	public void sessionEnded(Session session) {
		session.closeNow();
		if (!session.isLoggedIn() || !session.markDetached()) {
			return;
		}
		String reason = (session.endReason() != null) ? session.endReason() : "disconnected";
		this.presence.detach(session).ifPresent(user -> {
			for (String room : List.copyOf(user.rooms())) {
				this.rooms.quit(room, user, session, reason);
			}
		});
		// what a user says on leaving is for the others, not for the operator; a kick's reason is an admin's
		log.info("logout {} from {} ({})", session.user(), session.remoteAddress(),
				session.endedByQuit() ? "quit" : LogText.escape(reason));
	}

	/** Ends every session of {@code user} with {@code bye}; returns how many there were. */
	public int endSessionsOf(String user, Reply.Bye bye) {
		return endSessionsOf(user, bye, null);
	}

	/** Ends every session of {@code user} but {@code keep} with {@code bye}; returns how many it ended. */
	public int endSessionsOf(String user, Reply.Bye bye, Session keep) {
		List<Session> of = this.presence.find(user)
			.map(u -> u.sessions().stream().filter(s -> s != keep).toList())
			.orElse(List.of());
		of.forEach(session -> session.end(bye, false));
		return of.size();
	}

	/**
	 * Sends a notice to the members of {@code room}, or to every session (logged in or not) when it is null;
	 * returns how many sessions, or empty when there is no such room.
	 */
	public Optional<Integer> announce(String text, String room) {
		String clean = TextCleaner.clean(text);
		if (room != null) {
			return this.rooms.find(RoomNames.canonical(room)).map(r -> r.announce(clean));
		}
		int[] sent = new int[1];
		ChatEvent.Stamp stamp = ChatEvent.Stamp.now();
		this.events.publish(new ChatEvent.ServerNotice(stamp.id(), stamp.time(), clean), (delivery, except) -> {
			for (Session session : this.sessions.all()) {
				session.send(delivery);
				sent[0]++;
			}
			return sent[0];
		}, null);
		return Optional.of(sent[0]);
	}

	/** Members of a room, sorted; empty when there is no such room. */
	public boolean roomExists(String room) {
		return RoomNames.isValid(room) && this.rooms.find(RoomNames.canonical(room)).isPresent();
	}

	public Optional<List<String>> roomMembers(String room) {
		return RoomNames.isValid(room) ? this.rooms.find(RoomNames.canonical(room)).map(Room::memberNames)
				: Optional.empty();
	}

	/** Marks the session's user away with {@code message}, or back when it is null or blank. */
	public void setAway(Session session, String message) {
		String clean = (message != null) ? TextCleaner.clean(message).strip() : "";
		withUser(session, user -> {
			user.away(clean.isEmpty() ? null : clean);
			return true;
		});
	}

	/** What others may know of an online user; empty when offline. */
	public Optional<UserInfo> userInfo(String name) {
		return this.presence.find(name).map(user -> new UserInfo(user.name(), user.guest(),
				user.rooms().stream().sorted().toList(), user.away(), user.sessions().size()));
	}

	/** An online user as others see it: {@code away} is null while the user is here. */
	public record UserInfo(String name, boolean guest, List<String> rooms, String away, int sessions) {
	}

	/** How many sessions {@code user} has open; 0 when offline. */
	public int sessionCount(String user) {
		return this.presence.find(user).map(u -> u.sessions().size()).orElse(0);
	}

	/** Rooms a user is in, sorted; empty when the user is not online. */
	public List<String> roomsOf(String user) {
		return this.presence.find(user).map(u -> u.rooms().stream().sorted().toList()).orElse(List.of());
	}

	private boolean withUser(Session session, Predicate<OnlineUser> action) {
		// absent only while the session is ending: nothing to do for a user on the way out
		return this.presence.find(session.user()).map(action::test).orElse(false);
	}

	private static String roomName(Session session, String room) {
		if (!RoomNames.isValid(room)) {
			error(session, ErrorCode.BAD_NAME,
					"a room name is 1-32 letters, digits, _ or -, with an optional leading #", TextCleaner.clean(room));
			return null;
		}
		return RoomNames.canonical(room);
	}

	/** The text cleaned of control characters, or null (and an error sent) when nothing is left. */
	private static String cleanText(Session session, String text) {
		String clean = TextCleaner.clean(text);
		if (clean.isBlank()) {
			error(session, ErrorCode.BAD_SYNTAX, "the message is empty; type some text after the command", null);
			return null;
		}
		return clean;
	}

	static void error(Session session, ErrorCode code, String text, String subject) {
		session.send(new Reply.Error(code, text, subject));
	}

}
