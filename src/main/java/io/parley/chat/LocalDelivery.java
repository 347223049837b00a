package io.parley.chat;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.stereotype.Component;

import io.parley.protocol.Reply;
import io.parley.session.Delivery;
import io.parley.session.Session;

/**
 * The {@code chatEvents} subscriber that hands each event to this node's sessions in its audience: one reply
 * and one {@link Delivery} per event, encoded once per protocol (its bytes shared by every session that
 * speaks it) and queued on each session's send queue. Nothing here allocates per recipient.
 */
@Component
class LocalDelivery implements MessageHandler {

	@Override
	public void handleMessage(Message<?> message) {
		ChatEvent event = (ChatEvent) message.getPayload();
		Audience audience = message.getHeaders().get(ChatEventPublisher.AUDIENCE, Audience.class);
		Session origin = message.getHeaders().get(ChatEventPublisher.ORIGIN, Session.class);
		if (audience == null) {
			return; // published elsewhere, for other subscribers only
		}
		Reply reply = reply(event);
		// what a user said is timed from the line that carried it; what happened to a user, from now
		boolean said = event instanceof ChatEvent.RoomMessage || event instanceof ChatEvent.PrivateMessage
				|| event instanceof ChatEvent.Broadcast || event instanceof ChatEvent.RoomFile
				|| event instanceof ChatEvent.PrivateFile;
		Delivery delivery = (said && origin != null) ? Delivery.from(origin, reply) : Delivery.now(reply);
		audience.deliver(delivery, origin);
		// a client that asked for its own messages back (IRC's echo-message) gets the same line, id and time as
		// the others, after them; a note to self reaches the sending session once as delivery and once as echo
		if (said && origin != null && origin.echoesOwnMessages()) {
			origin.echo(delivery);
		}
	}

	/** The event as the reply every protocol renders in its own words. */
	static Reply reply(ChatEvent event) {
		if (event instanceof ChatEvent.RoomMessage m) {
			return new Reply.RoomMessage(m.room(), m.from(), m.text(), m.noReply(), m.time(), m.id().toString(),
					m.clientTags());
		}
		if (event instanceof ChatEvent.PrivateMessage m) {
			return new Reply.PrivateMessage(m.from(), m.to(), m.text(), m.noReply(), m.time(), m.id().toString(),
					m.clientTags());
		}
		if (event instanceof ChatEvent.Broadcast b) {
			return new Reply.Broadcast(b.from(), b.text(), b.time(), b.id().toString());
		}
		if (event instanceof ChatEvent.Joined j) {
			return new Reply.Joined(j.room(), j.user(), j.time());
		}
		if (event instanceof ChatEvent.Left l) {
			return new Reply.Left(l.room(), l.user(), null, l.time(), l.reason());
		}
		if (event instanceof ChatEvent.Quit q) {
			return new Reply.Left(q.room(), q.user(), q.reason(), q.time(), null);
		}
		if (event instanceof ChatEvent.RoomNotice n) {
			return new Reply.Notice(n.text());
		}
		if (event instanceof ChatEvent.TopicChanged t) {
			return new Reply.TopicChanged(t.room(), t.by(), t.topic(), t.time());
		}
		if (event instanceof ChatEvent.ModesChanged m) {
			return new Reply.ModesChanged(m.room(), m.by(), m.changes(), m.time());
		}
		if (event instanceof ChatEvent.Kicked k) {
			return new Reply.Kicked(k.room(), k.by(), k.user(), k.reason(), k.time());
		}
		if (event instanceof ChatEvent.Invited i) {
			return new Reply.Invited(i.room(), i.by(), i.user(), i.time());
		}
		if (event instanceof ChatEvent.ServerNotice n) {
			return new Reply.Notice(n.text());
		}
		if (event instanceof ChatEvent.RoomFile f) {
			return new Reply.FileShared(f.room(), f.from(), null, f.file(), f.time());
		}
		if (event instanceof ChatEvent.PrivateFile f) {
			return new Reply.FileShared(null, f.from(), f.to(), f.file(), f.time());
		}
		throw new IllegalArgumentException("no reply for " + event.getClass().getSimpleName());
	}

}
