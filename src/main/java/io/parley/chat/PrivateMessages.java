package io.parley.chat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import io.parley.account.Account;
import io.parley.account.AccountService;
import io.parley.protocol.ChatError;
import io.parley.protocol.EncryptedEnvelope;
import io.parley.protocol.Reply;
import io.parley.protocol.SharedFile;
import io.parley.protocol.TextCleaner;
import io.parley.session.Session;
import io.parley.system.ParleyMetrics;

/**
 * Messages from one user to another, published as chat events to every session of the recipient; to a registered
 * account with no session, kept for its next login when the history feature is on ({@link OfflineMessages}).
 */
@Service
public class PrivateMessages {

	private final Presence presence;

	private final AccountService accounts;

	private final ChatEventPublisher events;

	private final ParleyMetrics metrics;

	private final ObjectProvider<OfflineMessages> offline;

	private final ClusterLinks cluster;

	PrivateMessages(Presence presence, AccountService accounts, ChatEventPublisher events, ParleyMetrics metrics,
			ObjectProvider<OfflineMessages> offline, ClusterLinks cluster) {
		this.presence = presence;
		this.cluster = cluster;
		this.accounts = accounts;
		this.events = events;
		this.metrics = metrics;
		this.offline = offline;
	}

	public void send(Session session, String to, String text) {
		send(session, to, text, false);
	}

	/** @param noReply a message no client may answer automatically */
	public void send(Session session, String to, String text, boolean noReply) {
		send(session, to, text, noReply, Map.of());
	}

	/**
	 * @param clientTags what the client attached for the other clients ({@link ChatEvent.RoomMessage}); not kept
	 * with a message for later, as history keeps none
	 */
	public void send(Session session, String to, String text, boolean noReply, Map<String, String> clientTags) {
		String clean = ChatInput.cleanText(session, text);
		if (clean == null) {
			return;
		}
		// an end-to-end encrypted envelope (issue 21) is opaque here: only its size is checked
		if (EncryptedEnvelope.isEnvelope(clean) && EncryptedEnvelope.tooLarge(clean)) {
			ChatInput.refuse(session, ChatError.Kind.ENVELOPE_TOO_LARGE, TextCleaner.excerpt(TextCleaner.clean(to)),
					clean.getBytes(StandardCharsets.UTF_8).length, EncryptedEnvelope.MAX_BYTES);
			return;
		}
		toUser(session, to, "private", (stamp, recipient, recipientGuest) -> new ChatEvent.PrivateMessage(stamp.id(),
				stamp.time(), session.user(), recipient, clean, noReply, session.guest(), recipientGuest, clientTags),
				account -> keepForLater(session, account, clean, noReply));
	}

	/**
	 * Shares an uploaded file with a user who is online (issue 20); true when it was shared. Not kept for an
	 * offline account: the offline mailbox holds messages, and the link can be sent as one.
	 */
	public boolean shareFile(Session session, String to, SharedFile file) {
		return toUser(session, to, "file", (stamp, recipient, recipientGuest) -> new ChatEvent.PrivateFile(stamp.id(),
				stamp.time(), session.user(), recipient, file),
				account -> ChatInput.refuse(session, ChatError.Kind.OFFLINE, account));
	}

	/** The event for a recipient online, by its name as held and whether it is a guest. */
	private interface ToUser {

		ChatEvent event(ChatEvent.Stamp stamp, String recipient, boolean recipientGuest);

	}

	/**
	 * Publishes the event {@code event} makes for the online user {@code to}; hands a registered account with no
	 * session to {@code offline}; refuses a name nobody holds.
	 */
	private boolean toUser(Session session, String to, String kind, ToUser event, Consumer<String> offline) {
		Optional<OnlineUser> target = this.presence.find(to);
		ClusterLink link = this.cluster.link();
		Optional<String> elsewhere = (target.isEmpty() && link != null) ? link.onlineElsewhere(to) : Optional.empty();
		if (elsewhere.isPresent()) {
			// online on another node (issue 22): the event reaches it there through the cluster, no local audience
			this.metrics.messageReceived(kind);
			// whether it is a guest there is not known here: an account, as ChatEvent.PrivateMessage says
			this.events.publish(event.event(ChatEvent.Stamp.now(), elsewhere.get(), false), (delivery, except) -> 0,
					session);
			return true;
		}
		if (target.isEmpty() && session.handlingOnIoThread()) {
			// gone since the event loop asked (sendNeverWaits): the account look-up and the offline store wait, so
			// the line goes to a worker, nothing of it done yet
			session.handLineToWorker();
			return false;
		}
		if (target.isEmpty()) {
			// an account is named as registered, whatever the case typed; a name nobody holds, as typed (cleaned)
			Optional<String> registered = this.accounts.find(to).map(Account::name);
			if (registered.isPresent()) {
				offline.accept(registered.get());
			}
			else {
				ChatInput.refuse(session, ChatError.Kind.NO_SUCH_USER, TextCleaner.excerpt(TextCleaner.clean(to)));
			}
			return false;
		}
		this.metrics.messageReceived(kind);
		OnlineUser recipient = target.get();
		// a message to oneself is a note to self: it reaches every session of the sender, this one included, as
		// IRC servers deliver a PRIVMSG to one's own nick; to anyone else it skips the sending session
		boolean toSelf = recipient.name().equals(session.user());
		this.events.publish(event.event(ChatEvent.Stamp.now(), recipient.name(), recipient.guest()),
				toSelf ? (delivery, except) -> recipient.deliver(delivery, null) : recipient, session);
		return true;
	}

	/**
	 * Whether a message to {@code to} is handled without waiting for anything: {@code to} is online on this node
	 * and this node is not in a cluster. A message to an offline account waits for the history's commit, one to
	 * another node for Redis.
	 */
	public boolean sendNeverWaits(String to) {
		return this.cluster.link() == null && this.presence.find(to).isPresent();
	}

	/**
	 * Whether a message to {@code to} goes anywhere: to someone online (here or on another node) or to an account
	 * it is kept for. IRC asks before a NOTICE, which is never answered, not even with an error.
	 */
	public boolean reaches(String to) {
		if (this.presence.find(to).isPresent() || this.accounts.find(to).isPresent()) {
			return true;
		}
		ClusterLink link = this.cluster.link();
		return link != null && link.onlineElsewhere(to).isPresent();
	}

	/**
	 * A message to an account with no session: kept for its next login, and the sender told so once it is
	 * committed; refused when history is off or the account's kept messages are at their cap. It is not published
	 * on {@code chatEvents}: it reaches no session now, and the store that keeps it is the history itself.
	 */
	private void keepForLater(Session session, String account, String text, boolean noReply) {
		OfflineMessages mailbox = this.offline.getIfAvailable();
		if (mailbox == null) {
			if (!noReply) {
				ChatInput.refuse(session, ChatError.Kind.OFFLINE, account);
			}
			return;
		}
		ChatEvent.Stamp stamp = ChatEvent.Stamp.now();
		OfflineMessages.Kept kept = mailbox.keep(new ChatEvent.PrivateMessage(stamp.id(), stamp.time(),
				session.user(), account, text, noReply, session.guest(), false));
		if (kept == OfflineMessages.Kept.FULL) {
			if (!noReply) {
				ChatInput.refuse(session, ChatError.Kind.MAILBOX_FULL, account, mailbox.cap());
			}
			return;
		}
		this.metrics.messageReceived("private");
		if (!noReply) {
			// a notice is never answered (IRC's rule), not even to say it was kept
			session.send(new Reply.Ok("msg", account + " queued"));
		}
	}

}
