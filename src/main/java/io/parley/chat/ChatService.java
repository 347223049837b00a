package io.parley.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import io.parley.account.AccountResult;
import io.parley.account.AccountService;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.Reply;
import io.parley.protocol.TextCleaner;
import io.parley.session.Delivery;
import io.parley.session.Session;
import io.parley.session.SessionProperties;
import io.parley.session.SessionRegistry;
import io.parley.system.ParleyMetrics;

/**
 * What users can do, whatever protocol they speak: log in, talk privately, in rooms and to everyone. Every
 * outcome is a reply to the acting session or a delivery to others; nothing here throws at a client.
 * Callers have already checked login and arity (see {@link CommandDispatcher}).
 */
@Service
public class ChatService {

	private static final Logger log = LoggerFactory.getLogger(ChatService.class);

	private final AccountService accounts;

	private final Presence presence;

	private final RoomDirectory rooms;

	private final SessionProperties sessionProperties;

	private final SessionRegistry sessions;

	private final ParleyMetrics metrics;

	/** One broadcast at a time, so every session sees broadcasts in the same order. */
	private final ReentrantLock broadcastLock = new ReentrantLock();

	ChatService(AccountService accounts, Presence presence, RoomDirectory rooms, SessionProperties sessionProperties,
			SessionRegistry sessions, ParleyMetrics metrics) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.metrics = metrics;
		this.presence = presence;
		this.rooms = rooms;
		this.sessionProperties = sessionProperties;
	}

	public void register(Session session, String name, String password) {
		if (refuseSecondLogin(session)) {
			return;
		}
		logIn(session, this.accounts.register(name, password), "register");
	}

	public void login(Session session, String name, String password) {
		if (refuseSecondLogin(session)) {
			return;
		}
		logIn(session, this.accounts.login(name, password, session.remoteHost()), "login");
	}

	private boolean refuseSecondLogin(Session session) {
		if (session.isLoggedIn()) {
			error(session, ErrorCode.ALREADY_LOGGED_IN,
					"this session is logged in as " + session.user() + "; /quit and connect again to switch");
			return true;
		}
		return false;
	}

	private void logIn(Session session, AccountResult result, String command) {
		if (result instanceof AccountResult.Failure failure) {
			this.metrics.login(session.protocol(), failure.code().wireName());
			error(session, failure.code(), failure.text());
			return;
		}
		String name = ((AccountResult.Success) result).account().name();
		Optional<OnlineUser> user = this.presence.attach(session, name, this.sessionProperties.maxPerUser());
		if (user.isEmpty()) {
			this.metrics.login(session.protocol(), ErrorCode.TOO_MANY_SESSIONS.wireName());
			error(session, ErrorCode.TOO_MANY_SESSIONS, name + " already has " + this.sessionProperties.maxPerUser()
					+ " sessions; /quit one of them first");
			return;
		}
		this.metrics.login(session.protocol(), "success");
		session.loggedInAs(name);
		if (session.isClosed()) {
			// the connection went away while the password was being checked
			sessionEnded(session);
			return;
		}
		session.send(new Reply.Ok(command, name));
		log.info("{} {} from {} ({}, {} session(s))", command, name, session.remoteAddress(), session.protocol(),
				user.get().sessions().size());
	}

	public void privateMessage(Session session, String to, String text) {
		String clean = cleanText(session, text);
		if (clean == null) {
			return;
		}
		Optional<OnlineUser> target = this.presence.find(to);
		if (target.isEmpty()) {
			if (this.accounts.exists(to)) {
				error(session, ErrorCode.OFFLINE, to + " is not online; try again later");
			}
			else {
				error(session, ErrorCode.NO_SUCH_USER, "there is no user " + to + "; /who lists who is online");
			}
			return;
		}
		this.metrics.messageReceived("private");
		Delivery delivery = Delivery.from(session, new Reply.PrivateMessage(session.user(), clean));
		for (Session s : target.get().sessions()) {
			if (s != session) {
				s.send(delivery);
			}
		}
	}

	public void join(Session session, String room) {
		withUser(session, user -> {
			String name = roomName(session, room);
			if (name != null) {
				this.rooms.join(name, user, session);
				session.currentRoom(name);
				session.send(new Reply.Ok("join", name));
			}
		});
	}

	public void leave(Session session, String room) {
		withUser(session, user -> {
			String name = roomName(session, room);
			if (name == null) {
				return;
			}
			if (!this.rooms.leave(name, user, session)) {
				error(session, ErrorCode.NOT_IN_ROOM, "you are not in " + name + "; /rooms lists the rooms");
				return;
			}
			if (name.equals(session.currentRoom())) {
				session.currentRoom(null);
			}
			session.send(new Reply.Ok("leave", name));
		});
	}

	public void say(Session session, String room, String text) {
		withUser(session, user -> {
			String name = roomName(session, room);
			String clean = (name != null) ? cleanText(session, text) : null;
			if (clean == null) {
				return;
			}
			Optional<Room> target = this.rooms.find(name);
			if (target.isEmpty()) {
				error(session, ErrorCode.NO_ROOM, "there is no room " + name + "; /join " + name + " to open it");
			}
			else if (!target.get().say(user, session, clean)) {
				error(session, ErrorCode.NOT_IN_ROOM, "you are not in " + name + "; /join " + name + " first");
			}
			else {
				this.metrics.messageReceived("room");
				session.currentRoom(name);
			}
		});
	}

	/** Plain text: to the room the session last joined or spoke in. */
	public void sayInCurrentRoom(Session session, String text) {
		String room = session.currentRoom();
		if (room == null) {
			error(session, ErrorCode.NO_ROOM,
					"you are in no room; /join <room> first, or /msg <name> <text> to talk to one person");
			return;
		}
		say(session, room, text);
	}

	public void broadcast(Session session, String text) {
		String clean = cleanText(session, text);
		if (clean == null) {
			return;
		}
		this.metrics.messageReceived("broadcast");
		Delivery delivery = Delivery.from(session, new Reply.Broadcast(session.user(), clean));
		this.broadcastLock.lock();
		try {
			for (OnlineUser user : this.presence.all()) {
				for (Session s : user.sessions()) {
					if (s != session) {
						s.send(delivery);
					}
				}
			}
		}
		finally {
			this.broadcastLock.unlock();
		}
	}

	public void who(Session session, String room) {
		if (room == null) {
			List<String> names = new ArrayList<>();
			for (OnlineUser user : this.presence.all()) {
				names.add(user.name());
			}
			names.sort(Comparator.comparing(String::toLowerCase));
			session.send(new Reply.Who(null, names));
			return;
		}
		String name = roomName(session, room);
		if (name == null) {
			return;
		}
		this.rooms.find(name)
			.ifPresentOrElse(r -> session.send(new Reply.Who(name, r.memberNames())),
					() -> error(session, ErrorCode.NO_ROOM, "there is no room " + name + "; /rooms lists the rooms"));
	}

	public void rooms(Session session) {
		session.send(new Reply.Rooms(this.rooms.counts()));
	}

	public void changePassword(Session session, String oldPassword, String newPassword) {
		AccountResult result = this.accounts.changePassword(session.user(), oldPassword, newPassword,
				session.remoteHost());
		if (result instanceof AccountResult.Failure failure) {
			error(session, failure.code(), failure.text());
		}
		else {
			session.send(new Reply.Ok("passwd", ""));
		}
	}

	public void ping(Session session, String token) {
		session.send(new Reply.Pong(token == null ? "" : TextCleaner.clean(token)));
	}

	public void quit(Session session, String text) {
		String reason = (text == null) ? "" : TextCleaner.clean(text).strip();
		session.end(new Reply.Bye(reason.isEmpty() ? "quit" : reason), false);
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
		this.presence.detach(session).ifPresent(user -> {
			for (String room : List.copyOf(user.rooms())) {
				this.rooms.leave(room, user, session);
			}
		});
		log.info("logout {} from {} ({})", session.user(), session.remoteAddress(),
				session.endReason() != null ? session.endReason() : "disconnected");
	}

	/** Ends every session of {@code user} with {@code bye}; returns how many there were. */
	public int endSessionsOf(String user, Reply.Bye bye) {
		List<Session> of = this.presence.find(user).map(u -> List.copyOf(u.sessions())).orElse(List.of());
		of.forEach(session -> session.end(bye, false));
		return of.size();
	}

	/**
	 * Sends a notice to the members of {@code room}, or to every session (logged in or not) when it is null;
	 * returns how many sessions, or empty when there is no such room.
	 */
	public Optional<Integer> announce(String text, String room) {
		Reply.Notice notice = new Reply.Notice(TextCleaner.clean(text));
		if (room != null) {
			return this.rooms.find(RoomNames.canonical(room)).map(r -> r.announce(notice));
		}
		Delivery delivery = Delivery.now(notice);
		int sent = 0;
		for (Session session : this.sessions.all()) {
			session.send(delivery);
			sent++;
		}
		return Optional.of(sent);
	}

	public List<Reply.RoomCount> roomCounts() {
		return this.rooms.counts();
	}

	/** Members of a room, sorted; empty when there is no such room. */
	public Optional<List<String>> roomMembers(String room) {
		return RoomNames.isValid(room) ? this.rooms.find(RoomNames.canonical(room)).map(Room::memberNames)
				: Optional.empty();
	}

	/** How many sessions {@code user} has open; 0 when offline. */
	public int sessionCount(String user) {
		return this.presence.find(user).map(u -> u.sessions().size()).orElse(0);
	}

	/** Rooms a user is in, sorted; empty when the user is not online. */
	public List<String> roomsOf(String user) {
		return this.presence.find(user).map(u -> u.rooms().stream().sorted().toList()).orElse(List.of());
	}

	private void withUser(Session session, Consumer<OnlineUser> action) {
		// absent only while the session is ending: nothing to do for a user on the way out
		this.presence.find(session.user()).ifPresent(action);
	}

	private static String roomName(Session session, String room) {
		if (!RoomNames.isValid(room)) {
			error(session, ErrorCode.BAD_NAME,
					"a room name is 1-32 letters, digits, _ or -, with an optional leading #");
			return null;
		}
		return RoomNames.canonical(room);
	}

	/** The text cleaned of control characters, or null (and an error sent) when nothing is left. */
	private static String cleanText(Session session, String text) {
		String clean = TextCleaner.clean(text);
		if (clean.isBlank()) {
			error(session, ErrorCode.BAD_SYNTAX, "the message is empty; type some text after the command");
			return null;
		}
		return clean;
	}

	static void error(Session session, ErrorCode code, String text) {
		session.send(new Reply.Error(code, text));
	}

}
