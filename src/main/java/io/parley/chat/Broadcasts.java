package io.parley.chat;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Service;

import io.parley.account.AccountService;
import io.parley.account.Role;
import io.parley.account.UserNames;
import io.parley.limits.BroadcastAllowance;
import io.parley.limits.BroadcastProperties;
import io.parley.protocol.ChatError;
import io.parley.protocol.Reply;
import io.parley.protocol.TextCleaner;
import io.parley.session.Session;
import io.parley.session.SessionRegistry;
import io.parley.system.ParleyMetrics;

/** Text to everyone: a user's broadcast ({@code parley.broadcast.*}) and the server's notices. */
@Service
public class Broadcasts {

	private final Presence presence;

	private final RoomDirectory rooms;

	private final SessionRegistry sessions;

	private final AccountService accounts;

	private final BroadcastAllowance allowance;

	private final ChatEventPublisher events;

	private final ParleyMetrics metrics;

	/** One broadcast at a time, so every session sees broadcasts in the same order. */
	private final ReentrantLock broadcastLock = new ReentrantLock();

	Broadcasts(Presence presence, RoomDirectory rooms, SessionRegistry sessions, AccountService accounts,
			BroadcastAllowance allowance, ChatEventPublisher events, ParleyMetrics metrics) {
		this.presence = presence;
		this.rooms = rooms;
		this.sessions = sessions;
		this.accounts = accounts;
		this.allowance = allowance;
		this.events = events;
		this.metrics = metrics;
	}

	public void broadcast(Session session, String text) {
		String clean = ChatInput.cleanText(session, text);
		if (clean == null) {
			return;
		}
		ChatError refused = refusal(session);
		if (refused != null) {
			session.send(new Reply.Refused(refused));
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
	private ChatError refusal(Session session) {
		BroadcastProperties rules = this.allowance.properties();
		if (!rules.enabled()) {
			return ChatError.of(ChatError.Kind.BROADCASTS_OFF, null);
		}
		if (rules.adminsOnly() && !isAdmin(session)) {
			return ChatError.of(ChatError.Kind.BROADCASTS_FOR_ADMINS, null);
		}
		if (!this.allowance.tryTake(UserNames.key(session.user()))) {
			return ChatError.of(ChatError.Kind.BROADCAST_RATE, null, rules.perMinute(), rules.burst());
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

}
