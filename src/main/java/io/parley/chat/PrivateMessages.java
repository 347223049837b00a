package io.parley.chat;

import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import io.parley.account.Account;
import io.parley.account.AccountService;
import io.parley.protocol.ChatError;
import io.parley.protocol.Reply;
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

	PrivateMessages(Presence presence, AccountService accounts, ChatEventPublisher events, ParleyMetrics metrics,
			ObjectProvider<OfflineMessages> offline) {
		this.presence = presence;
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
		String clean = ChatInput.cleanText(session, text);
		if (clean == null) {
			return;
		}
		Optional<OnlineUser> target = this.presence.find(to);
		if (target.isEmpty()) {
			// an account is named as registered, whatever the case typed; a name nobody holds, as typed (cleaned)
			Optional<String> registered = this.accounts.find(to).map(Account::name);
			if (registered.isPresent()) {
				keepForLater(session, registered.get(), clean, noReply);
			}
			else {
				ChatInput.refuse(session, ChatError.Kind.NO_SUCH_USER, TextCleaner.excerpt(TextCleaner.clean(to)));
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

	/**
	 * A message to an account with no session: kept for its next login, and the sender told so once it is
	 * committed; refused when history is off or the account's kept messages are at their cap. It is not published
	 * on {@code chatEvents}: it reaches no session now, and the store that keeps it is the history itself.
	 */
	private void keepForLater(Session session, String account, String text, boolean noReply) {
		OfflineMessages mailbox = this.offline.getIfAvailable();
		if (mailbox == null) {
			ChatInput.refuse(session, ChatError.Kind.OFFLINE, account);
			return;
		}
		ChatEvent.Stamp stamp = ChatEvent.Stamp.now();
		OfflineMessages.Kept kept = mailbox.keep(new ChatEvent.PrivateMessage(stamp.id(), stamp.time(),
				session.user(), account, text, noReply));
		if (kept == OfflineMessages.Kept.FULL) {
			ChatInput.refuse(session, ChatError.Kind.MAILBOX_FULL, account, mailbox.cap());
			return;
		}
		this.metrics.messageReceived("private");
		if (!noReply) {
			// a notice is never answered (IRC's rule), not even to say it was kept
			session.send(new Reply.Ok("msg", account + " queued"));
		}
	}

}
