package io.parley.chat;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.PublishSubscribeChannel;

/**
 * The {@code chatEvents} channel: every chat event, once, to every subscriber. It has no executor, so each
 * subscriber runs on the publishing thread, one after the other in the order they subscribed, and has seen
 * the event when {@link ChatEventPublisher#publish} returns: a room's order, held by its lock while it publishes, is
 * every subscriber's order. A subscriber that must not hold up chat (a history writer) hands the event to an
 * executor of its own.
 */
@Configuration(proxyBeanMethods = false)
class ChatEventsConfiguration {

	@Bean
	PublishSubscribeChannel chatEvents(LocalDelivery localDelivery) {
		PublishSubscribeChannel channel = new PublishSubscribeChannel();
		// subscribed here, not by an endpoint that starts and stops with the context: the quits of the sessions
		// that shutdown ends must still reach the other members
		channel.subscribe(localDelivery);
		return channel;
	}

}
