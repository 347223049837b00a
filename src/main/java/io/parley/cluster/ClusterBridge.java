package io.parley.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

import io.parley.chat.ChatEvent;
import io.parley.chat.ClusterLink;
import io.parley.chat.MessageId;
import io.parley.chat.RemoteDelivery;
import io.parley.session.Session;

/**
 * Chat events between nodes (issue 22). As a {@code chatEvents} subscriber it publishes every event made on this
 * node to one Redis pub/sub channel; as that channel's listener it hands every event (this node's own included) to
 * {@link RemoteDelivery}, which finds the audience on this node.
 *
 * <p><b>Order.</b> Redis runs PUBLISHes one at a time and sends a channel's messages to every subscriber in that
 * order; a node publishes a room's events in the room's order (under its lock, on one connection, whose commands
 * Lettuce sends in order), and delivers what it receives one at a time on one thread. No node delivers its own
 * events before they come back, so every member of a room, on any node, sees one order: the channel's.
 *
 * <p>When Redis cannot be reached the event is delivered on this node at once (its own members keep chatting) and
 * the other nodes miss it: {@link ClusterPresence} says so in health.
 */
final class ClusterBridge implements MessageHandler, MessageListener {

	private static final Logger log = LoggerFactory.getLogger(ClusterBridge.class);

	/** The concrete event records by simple name: what a received envelope's {@code type} names. */
	private static final Map<String, Class<?>> EVENT_TYPES = eventTypes(ChatEvent.class, new HashMap<>());

	private final String nodeId;

	private final String channel;

	private final StringRedisTemplate redis;

	private final RemoteDelivery delivery;

	private final ClusterPresence presence;

	private final JsonMapper json = JsonMapper.builder().build();

	/** This node's sessions whose events are on their way through Redis, by event id: they do not get them back. */
	private final Cache<MessageId, Session> origins = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofMinutes(1))
		.build();

	ClusterBridge(String nodeId, String channel, StringRedisTemplate redis, RemoteDelivery delivery,
			ClusterPresence presence) {
		this.nodeId = nodeId;
		this.channel = channel;
		this.redis = redis;
		this.delivery = delivery;
		this.presence = presence;
	}

	/** What travels on the channel: the node that made the event, the event's record name, the event. */
	record Envelope(String node, String type, JsonNode event) {
	}

	@Override
	public void handleMessage(Message<?> message) {
		ChatEvent event = (ChatEvent) message.getPayload();
		Session origin = message.getHeaders().get(ClusterLink.ORIGIN, Session.class);
		if (origin != null) {
			this.origins.put(event.id(), origin);
		}
		try {
			String body = this.json.writeValueAsString(
					new Envelope(this.nodeId, event.getClass().getSimpleName(), this.json.valueToTree(event)));
			this.redis.convertAndSend(this.channel, body);
		}
		catch (RuntimeException ex) {
			this.origins.invalidate(event.id());
			this.presence.redisFailed(ex);
			this.delivery.deliver(event, origin);
		}
	}

	@Override
	public void onMessage(org.springframework.data.redis.connection.Message message, byte[] pattern) {
		ChatEvent event;
		Envelope envelope;
		try {
			envelope = this.json.readValue(message.getBody(), Envelope.class);
			event = (ChatEvent) this.json.treeToValue(envelope.event(), EVENT_TYPES.get(envelope.type()));
		}
		catch (RuntimeException ex) {
			// only Parley nodes publish here; something else on the channel is an operator's mistake, said once each
			log.warn("Ignored a message on the cluster channel that is not a chat event: {}", ex.getClass().getSimpleName());
			return;
		}
		if (this.nodeId.equals(envelope.node())) {
			Session origin = this.origins.getIfPresent(event.id());
			this.origins.invalidate(event.id());
			this.delivery.deliver(event, origin);
		}
		else {
			this.presence.seen(envelope.node(), event);
			this.delivery.deliverFromElsewhere(event);
		}
	}

	private static Map<String, Class<?>> eventTypes(Class<?> type, Map<String, Class<?>> into) {
		if (type.isRecord()) {
			into.put(type.getSimpleName(), type);
		}
		else if (type.isSealed()) {
			for (Class<?> sub : type.getPermittedSubclasses()) {
				eventTypes(sub, into);
			}
		}
		return into;
	}

}
