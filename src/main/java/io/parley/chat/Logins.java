package io.parley.chat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import io.parley.account.Account;
import io.parley.account.AccountProperties;
import io.parley.account.AccountResult;
import io.parley.account.AccountService;
import io.parley.account.UserNames;
import io.parley.limits.RegistrationLimiter;
import io.parley.protocol.ChatError;
import io.parley.protocol.Reply;
import io.parley.protocol.TextCleaner;
import io.parley.session.Session;
import io.parley.session.SessionProperties;
import io.parley.system.LogText;
import io.parley.system.ParleyMetrics;

/**
 * A session's way in and out of the chat, whatever protocol it speaks: registering, logging in, guests, the
 * session cap, a password change, and going offline when the connection ends (leaving every room with the
 * user's last session). Refusals are {@link ChatError}s, which the session's protocol words.
 */
@Service
public class Logins {

	private static final Logger log = LoggerFactory.getLogger(Logins.class);

	/** The {@code BYE} reason of sessions ended by a change of their account's password. */
	public static final String PASSWORD_CHANGED = "password-changed";

	private final AccountService accounts;

	private final Presence presence;

	private final RoomDirectory rooms;

	private final SessionProperties sessionProperties;

	private final AccountProperties accountProperties;

	private final ParleyMetrics metrics;

	private final RegistrationLimiter registrations;

	private final ObjectProvider<OfflineMessages> offline;

	/** Cluster mode (issue 22): the session cap counts the user's sessions on every node. */
	private final ClusterLinks cluster;

	Logins(AccountService accounts, Presence presence, RoomDirectory rooms, SessionProperties sessionProperties,
			AccountProperties accountProperties, ParleyMetrics metrics, RegistrationLimiter registrations,
			ObjectProvider<OfflineMessages> offline, ClusterLinks cluster) {
		this.offline = offline;
		this.cluster = cluster;
		this.accounts = accounts;
		this.presence = presence;
		this.rooms = rooms;
		this.sessionProperties = sessionProperties;
		this.accountProperties = accountProperties;
		this.metrics = metrics;
		this.registrations = registrations;
	}

	public void register(Session session, String name, String password) {
		if (refuseSecondLogin(session)) {
			return;
		}
		if (!this.registrations.tryRegister(session.remoteHost())) {
			this.metrics.login(session.protocol(), ChatError.Kind.REGISTRATIONS_EXCEEDED.code().wireName());
			ChatInput.refuse(session, ChatError.Kind.REGISTRATIONS_EXCEEDED, name);
			return;
		}
		logIn(session, createAccount(session, name, password), "register");
	}

	/**
	 * Creates an account for a login that completes later (IRC's {@code REGISTER} comes before its registration
	 * ends), under the same per-address allowance as {@link #register}; null when the allowance is spent.
	 */
	public AccountResult registerAccount(Session session, String name, String password) {
		if (!this.registrations.tryRegister(session.remoteHost())) {
			this.metrics.login(session.protocol(), ChatError.Kind.REGISTRATIONS_EXCEEDED.code().wireName());
			return null;
		}
		AccountResult result = createAccount(session, name, password);
		if (result instanceof AccountResult.Failure failure) {
			this.metrics.login(session.protocol(), failure.code().wireName());
		}
		return result;
	}

	private AccountResult createAccount(Session session, String name, String password) {
		// whether a guest holds the name is asked where accounts are made, under the name's lock (NameOwnership)
		AccountResult result = this.accounts.register(name, password, session.remoteHost(), this::isGuestOnline);
		if (result instanceof AccountResult.Failure) {
			this.registrations.giveBack(session.remoteHost());
		}
		return result;
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
		try {
			ChatError refused = enterAsGuest(session, name);
			if (refused != null) {
				session.send(new Reply.Refused(refused));
			}
			else if (!session.isClosed()) {
				session.send(new Reply.Ok("guest", name));
			}
		}
		finally {
			session.releaseHeld();
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
			ChatInput.refuse(session, ChatError.Kind.ALREADY_LOGGED_IN, null, session.user());
			return true;
		}
		return false;
	}

	private void logIn(Session session, AccountResult result, String command) {
		if (result instanceof AccountResult.Failure failure) {
			if (command.equals("register")) {
				this.metrics.login(session.protocol(), failure.code().wireName());
			}
			session.send(new Reply.Refused(ChatError.account(failure.code(), failure.text())));
			return;
		}
		Account account = ((AccountResult.Success) result).account();
		try {
			ChatError refused = enter(session, account.name(), command);
			if (refused != null) {
				session.send(new Reply.Refused(refused));
			}
			else if (passwordChangedSince(account)) {
				session.end(new Reply.Bye(PASSWORD_CHANGED), false);
			}
			else if (!session.isClosed()) {
				session.send(new Reply.Ok(command, session.user()));
				deliverOfflineMessages(session);
			}
		}
		finally {
			session.releaseHeld(); // room lines of the user's other sessions, after the OK (enter held them)
		}
	}

	/**
	 * Private messages kept while the session's user was offline, right after its login is confirmed (the line
	 * protocol's {@code OK login}, IRC's welcome); nothing when history is off.
	 */
	public void deliverOfflineMessages(Session session) {
		OfflineMessages mailbox = this.offline.getIfAvailable();
		if (mailbox != null && session.isLoggedIn()) {
			mailbox.deliverTo(session);
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

	/** Puts a guest online; null when done, else why not. */
	public ChatError enterAsGuest(Session session, String name) {
		if (!this.accountProperties.guests()) {
			return ChatError.of(ChatError.Kind.GUESTS_OFF, name);
		}
		if (!UserNames.isValid(name)) {
			return ChatError.of(ChatError.Kind.BAD_USER_NAME, name);
		}
		// decided under the name's lock, so that a registration of the name cannot slip in between
		return this.accounts.unlessRegistered(name, () -> enter(session, name, "guest"),
				() -> ChatError.of(ChatError.Kind.NAME_REGISTERED, name));
	}

	/**
	 * A guest takes another name ({@code NICK} after IRC registration): refused when the name is not valid,
	 * registered, or held by someone online; else the guest, itself and everyone in a room with it are told once
	 * ({@link Reply.Renamed}). Null when done. Accounts keep their name: the caller refuses them first.
	 */
	public ChatError renameGuest(Session session, String to) {
		if (!UserNames.isValid(to)) {
			return ChatError.of(ChatError.Kind.BAD_USER_NAME, to);
		}
		return this.accounts.unlessRegistered(to, () -> {
			String from = session.user();
			Presence.Renaming renaming = this.presence.rename(session, to).orElse(null);
			if (renaming == null) {
				return ChatError.of(ChatError.Kind.NAME_IN_USE, to);
			}
			session.loggedInAs(to, true);
			Set<Session> audience = new LinkedHashSet<>(renaming.to().sessions());
			for (String room : List.copyOf(renaming.to().rooms())) {
				this.rooms.find(room).ifPresent(r -> r.renamed(renaming.from(), renaming.to(), audience));
			}
			Reply told = new Reply.Renamed(from, to);
			audience.forEach(s -> s.send(told));
			log.info("guest {} is now {}", from, to);
			return null;
		}, () -> ChatError.of(ChatError.Kind.NAME_REGISTERED, to));
	}

	/**
	 * Puts a session online as {@code name}, whose password (or guest status) has been checked; null when
	 * done, else why not: the user has all the sessions it may have, or a guest holds the name. What other
	 * threads send the session from now on waits until the caller has confirmed the login to its client and
	 * calls {@link Session#releaseHeld}, which it must, done or not.
	 */
	public ChatError enter(Session session, String name, String how) {
		session.holdOthersUntilReleased();
		boolean guest = how.equals("guest");
		ClusterLink link = this.cluster.link();
		int elsewhere = (link != null) ? link.sessionsElsewhere(name) : 0;
		Optional<OnlineUser> user = this.presence.attach(session, name, this.sessionProperties.maxPerUser() - elsewhere,
				guest);
		if (user.isEmpty()) {
			boolean inUse = guest || this.presence.find(name).map(OnlineUser::guest).orElse(false);
			ChatError refused = inUse ? ChatError.of(ChatError.Kind.NAME_IN_USE, name)
					: ChatError.of(ChatError.Kind.SESSION_CAP, name, this.sessionProperties.maxPerUser());
			this.metrics.login(session.protocol(), refused.code().wireName());
			return refused;
		}
		this.metrics.login(session.protocol(), guest ? "guest" : "success");
		session.loggedInAs(user.get().name(), guest);
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

	public void changePassword(Session session, String oldPassword, String newPassword) {
		AccountResult result = this.accounts.changePassword(session.user(), oldPassword, newPassword,
				session.remoteHost());
		if (result instanceof AccountResult.Failure failure) {
			session.send(new Reply.Refused(ChatError.account(failure.code(), failure.text())));
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
		// the user leaves now, not when the transport sees the close on another thread: a client that reconnects
		// as soon as its socket closes finds its nick free (the close came first, and NICK met "in use")
		detach(session);
	}

	/**
	 * The connection is closed: the user leaves with its last session, and the other members are told.
	 * Runs on whatever thread saw the close.
	 */
	public void sessionEnded(Session session) {
		session.closeNow();
		detach(session);
	}

	/** The user leaves with its last session and the other members are told; once per session. */
	private void detach(Session session) {
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

}
