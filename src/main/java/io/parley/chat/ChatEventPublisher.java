package io.parley.chat;

import java.util.Map;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.stereotype.Component;

import io.parley.session.Session;

/**
 * Where the core publishes its events: one Spring Integration message per event on the {@code chatEvents}
 * channel ({@link ChatEventsConfiguration}), whatever the number of recipients. The message's id and
 * timestamp are the event's own, so no second id is made per event.
 */
@Component
class ChatEventPublisher {

	/** The local sessions the event reaches ({@link Audience}); local to this node. */
	static final String AUDIENCE = "parley_audience";

	/** The session whose command caused the event, which does not get it back; absent for the server's own. */
	static final String ORIGIN = ClusterLink.ORIGIN;

	private final MessageChannel channel;

	/** Cluster mode (issue 22). */
	private final ClusterLinks clusterLinks;

	ChatEventPublisher(@Qualifier("chatEvents") MessageChannel chatEvents, ClusterLinks clusterLinks) {
		this.channel = chatEvents;
		this.clusterLinks = clusterLinks;
	}

	/**
	 * Publishes {@code event} to every subscriber, on this thread, before returning: a room's events are
	 * published under the room's lock, so every subscriber sees them in the room's order.
	 */
	void publish(ChatEvent event, Audience audience, Session origin) {
		// MessageHeaders copies what it is given, so the smallest map to copy from
		Map<String, Object> headers;
		if (this.clusterLinks.link() != null) {
			// in a cluster the event reaches sessions when it comes back through the link, in the cluster's one
			// order (RemoteDelivery), on this node as on the others: no audience, so LocalDelivery skips it now
			headers = (origin != null) ? Map.of(ORIGIN, origin) : Map.of();
		}
		else {
			headers = (origin != null) ? Map.of(AUDIENCE, audience, ORIGIN, origin) : Map.of(AUDIENCE, audience);
		}
		this.channel.send(new GenericMessage<>(event, new EventHeaders(headers, event)));
	}

	/** Headers whose id and timestamp are the event's id and time. */
	private static final class EventHeaders extends MessageHeaders {

		private static final long serialVersionUID = 1L;

		EventHeaders(Map<String, Object> headers, ChatEvent event) {
			super(headers, event.id().value(), event.time().toEpochMilli());
		}

	}

}
