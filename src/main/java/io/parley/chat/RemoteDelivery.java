package io.parley.chat;

import java.util.Map;
import java.util.Optional;

import org.springframework.messaging.support.GenericMessage;
import org.springframework.stereotype.Component;

import io.parley.account.UserNames;
import io.parley.session.Session;
import io.parley.session.SessionRegistry;

/**
 * Hands an event that came back through the cluster (issue 22: from any node, this one included) to this node's
 * sessions in its audience, found here: the members of the room on this node, the sessions of the user it is for,
 * or everyone. It goes to {@link LocalDelivery} directly, not through {@code chatEvents}, so that the node where the
 * event was made is the only one whose subscribers (history) see it once.
 */
@Component
public class RemoteDelivery {

	private final LocalDelivery delivery;

	private final RoomDirectory rooms;

	private final Presence presence;

	private final SessionRegistry sessions;

	RemoteDelivery(LocalDelivery delivery, RoomDirectory rooms, Presence presence, SessionRegistry sessions) {
		this.delivery = delivery;
		this.rooms = rooms;
		this.presence = presence;
		this.sessions = sessions;
	}

	/** {@code origin}: the session of this node whose command made the event, or null (another node's, the server's). */
	public void deliver(ChatEvent event, Session origin) {
		Audience audience = audience(event);
		if (audience == null) {
			return;
		}
		Map<String, Object> headers = (origin != null)
				? Map.of(ChatEventPublisher.AUDIENCE, audience, ChatEventPublisher.ORIGIN, origin)
				: Map.of(ChatEventPublisher.AUDIENCE, audience);
		this.delivery.handleMessage(new GenericMessage<>(event, headers));
	}

	/** The users online on this node, as they show their names, with their session counts: for the cluster's presence. */
	public Map<String, Integer> onlineHere() {
		Map<String, Integer> online = new java.util.HashMap<>();
		for (OnlineUser user : this.presence.all()) {
			int count = user.sessions().size();
			if (count > 0) {
				online.put(user.name(), count);
			}
		}
		return online;
	}

	private Audience audience(ChatEvent event) {
		if (event instanceof ChatEvent.InRoom in) {
			return this.rooms.find(RoomNames.canonical(in.room())).orElse(null);
		}
		if (event instanceof ChatEvent.PrivateMessage m) {
			return toUser(m.from(), m.to());
		}
		if (event instanceof ChatEvent.PrivateFile f) {
			return toUser(f.from(), f.to());
		}
		if (event instanceof ChatEvent.Invited i) {
			return this.presence.find(i.user()).orElse(null);
		}
		if (event instanceof ChatEvent.Broadcast) {
			return this.presence;
		}
		// ChatEvent.ServerNotice: every session, logged in or not
		return (d, except) -> {
			int sent = 0;
			for (Session session : this.sessions.all()) {
				session.send(d);
				sent++;
			}
			return sent;
		};
	}

	/** A note to self reaches every session of its user, the sending one included (as on one node). */
	private Audience toUser(String from, String to) {
		Optional<OnlineUser> user = this.presence.find(to);
		if (user.isEmpty()) {
			return null;
		}
		return UserNames.key(from).equals(UserNames.key(to)) ? (d, except) -> user.get().deliver(d, null) : user.get();
	}

}
