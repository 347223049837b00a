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

	private final RoomModeration moderation;

	RemoteDelivery(LocalDelivery delivery, RoomDirectory rooms, Presence presence, SessionRegistry sessions,
			RoomModeration moderation) {
		this.delivery = delivery;
		this.rooms = rooms;
		this.presence = presence;
		this.sessions = sessions;
		this.moderation = moderation;
	}

	/**
	 * An event another node made: this node's copy of the room follows it (a topic, a change of roles, lists or
	 * flags, a member of this node kicked or banned), under the room's lock, and its audience here gets it. What the
	 * other node stored it stored already; nothing is written here.
	 */
	public void deliverFromElsewhere(ChatEvent event) {
		Room room = (event instanceof ChatEvent.InRoom in) ? this.rooms.find(RoomNames.canonical(in.room())).orElse(null)
				: null;
		if (room == null) {
			deliver(event, null, false);
			return;
		}
		room.locked(() -> {
			if (event instanceof ChatEvent.TopicChanged t) {
				room.rules().topic(t.topic().isEmpty() ? null : new StoredRoom.Topic(t.topic(), t.by(), t.time()));
			}
			else if (event instanceof ChatEvent.ModesChanged m) {
				new RoomChanges(room, name -> this.presence.find(name).map(OnlineUser::guest).orElse(false), false)
					.apply(m.changes(), m.by());
			}
			deliver(event, null, false);
			if (room.closedLocked()) {
				return null;
			}
			if (event instanceof ChatEvent.Kicked k && room.memberLocked(k.user()) != null) {
				// the kicked member saw its kick above, as its room's other members did
				room.removeLocked(room.memberLocked(k.user()), this.rooms.dropWhenEmpty(room));
			}
			else if (event instanceof ChatEvent.ModesChanged m) {
				// a ban of someone present here removes them, as the banning node does with its own members
				for (io.parley.protocol.RoomMode.Change change : m.changes()) {
					OnlineUser banned = (change.mode() == io.parley.protocol.RoomMode.BAN && change.on())
							? room.memberLocked(change.argument()) : null;
					if (banned != null && !room.closedLocked()) {
						this.moderation.removeMember(room, banned, m.by(), "banned");
					}
				}
			}
			return null;
		});
	}

	/**
	 * An event this node made, back from the cluster, or one of the server's own. {@code origin}: the session whose
	 * command made it, or null.
	 */
	public void deliver(ChatEvent event, Session origin) {
		deliver(event, origin, true);
	}

	private void deliver(ChatEvent event, Session origin, boolean madeHere) {
		Audience audience = audience(event, madeHere);
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

	private Audience audience(ChatEvent event, boolean madeHere) {
		if (event instanceof ChatEvent.InRoom in) {
			Room room = this.rooms.find(RoomNames.canonical(in.room())).orElse(null);
			// another node's leaver is still a member here until the event is delivered (deliverFromElsewhere)
			String leaving = madeHere ? leaving(event) : null;
			Optional<OnlineUser> leaver = (leaving != null) ? this.presence.find(leaving) : Optional.empty();
			if (leaver.isEmpty() || (room != null && room.locked(() -> room.memberLocked(leaving) != null))) {
				return room;
			}
			// this node took the member out when it published the event: its sessions here still see it go (an IRC
			// PART, a KICK of oneself), as on one node
			return (room == null) ? leaver.get() : (d, except) -> room.deliver(d, except) + leaver.get().deliver(d, except);
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

	/** Who leaves the room by the event (left, quit, kicked), or null. */
	private static String leaving(ChatEvent event) {
		if (event instanceof ChatEvent.Left l) {
			return l.user();
		}
		if (event instanceof ChatEvent.Quit q) {
			return q.user();
		}
		return (event instanceof ChatEvent.Kicked k) ? k.user() : null;
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
