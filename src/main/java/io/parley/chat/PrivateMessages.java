package io.parley.chat;

import java.util.Optional;

import org.springframework.stereotype.Service;

import io.parley.account.Account;
import io.parley.account.AccountService;
import io.parley.protocol.ChatError;
import io.parley.protocol.TextCleaner;
import io.parley.session.Session;
import io.parley.system.ParleyMetrics;

/** Messages from one user to another, published as chat events to every session of the recipient. */
@Service
public class PrivateMessages {

	private final Presence presence;

	private final AccountService accounts;

	private final ChatEventPublisher events;

	private final ParleyMetrics metrics;

	PrivateMessages(Presence presence, AccountService accounts, ChatEventPublisher events, ParleyMetrics metrics) {
		this.presence = presence;
		this.accounts = accounts;
		this.events = events;
		this.metrics = metrics;
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
				ChatInput.refuse(session, ChatError.Kind.OFFLINE, registered.get());
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

}
