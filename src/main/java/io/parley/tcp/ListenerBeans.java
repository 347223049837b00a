package io.parley.tcp;

import org.springframework.beans.factory.BeanRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.messaging.MessageChannel;

import io.parley.session.ChatProtocol;

/**
 * The six beans every listener is made of, plain or TLS, line protocol or IRC: its server connection factory (on
 * the event loops, {@link NioServerConnectionFactory}), the channel its frames come in by, the channel its sessions' bytes may leave by, its
 * {@link ChatListener} (which opens and closes sessions for the factory's connections), the inbound flow (the
 * factory's inbound adapter, the frames channel, the session feature: {@link ChatListeners#inboundFlow}) and the
 * outbound flow (the channel to the factory's outbound adapter; the sessions write through their connections).
 * <p>
 * The names come from a stem and whether it is the TLS one: {@code line} gives {@code lineServerFactory},
 * {@code lineFrames}, {@code lineOutbound}, {@code lineListener}, {@code lineInboundFlow},
 * {@code lineOutboundFlow}; with TLS,
 * {@code lineTlsServerFactory} and so on. The factory's bean name is also its component name, which names the
 * listener in health and sessions.
 */
public final class ListenerBeans {

	private ListenerBeans() {
	}

	/**
	 * Registers a protocol's listeners: the plain one unless {@code <prefix>.enabled=false}, the TLS one when
	 * {@code <prefix>.tls.enabled=true}.
	 * @param stem what the beans' names start with ({@code line}, {@code irc})
	 * @param prefix the protocol's settings ({@code parley.tcp}), bound to {@code properties}
	 * @param protocol the bean that handles the listeners' lines
	 */
	public static void register(BeanRegistry registry, Environment environment, String stem, String prefix,
			Class<? extends ChatProtocol> protocol, Class<? extends ListenerProperties> properties) {
		if (environment.getProperty(prefix + ".enabled", Boolean.class, true)) {
			register(registry, stem, false, prefix, protocol, properties);
		}
		if (environment.getProperty(prefix + ".tls.enabled", Boolean.class, false)) {
			checkKeyStore(environment, prefix + ".tls");
			register(registry, stem, true, prefix, protocol, properties);
		}
	}

	/**
	 * Reads a TLS listener's key store now, while beans are only being declared: a missing file or a wrong
	 * password then stops the start with its message before anything has started (the HTTP port, the
	 * database) that would have to be undone. The factory reads it again when it is made.
	 */
	private static void checkKeyStore(Environment environment, String tlsPrefix) {
		Binder.get(environment).bind(tlsPrefix, TlsProperties.class).ifBound(tls -> ServerTls.load(tlsPrefix, tls));
	}

	private static void register(BeanRegistry registry, String stem, boolean tls, String prefix,
			Class<? extends ChatProtocol> protocol, Class<? extends ListenerProperties> propertiesType) {
		String name = tls ? stem + "Tls" : stem;
		String factoryName = name + "ServerFactory";
		String framesName = name + "Frames";
		String outboundName = name + "Outbound";
		String listenerName = name + "Listener";
		registry.registerBean(factoryName, AbstractServerConnectionFactory.class,
				spec -> spec.supplier(context -> factory(context.bean(ChatListeners.class),
						context.bean(propertiesType), prefix, tls)));
		registry.registerBean(framesName, MessageChannel.class, spec -> spec.supplier(context -> new DirectChannel()));
		registry.registerBean(outboundName, MessageChannel.class, spec -> spec.supplier(context -> new DirectChannel()));
		registry.registerBean(listenerName, ChatListener.class,
				spec -> spec.supplier(context -> context.bean(ChatListeners.class)
					.register(context.bean(protocol), context.bean(factoryName, AbstractServerConnectionFactory.class),
							context.bean(propertiesType).maxLineBytes(), tls)));
		registry.registerBean(name + "InboundFlow", IntegrationFlow.class,
				spec -> spec.supplier(context -> {
					// the listener first: it must be registered on the factory before a connection comes
					context.bean(listenerName, ChatListener.class);
					return context.bean(ChatListeners.class)
						.inboundFlow(context.bean(factoryName, AbstractServerConnectionFactory.class),
								context.bean(framesName, MessageChannel.class));
				}));
		registry.registerBean(name + "OutboundFlow", IntegrationFlow.class,
				spec -> spec.supplier(context -> ChatListeners.outboundFlow(
						context.bean(outboundName, MessageChannel.class),
						context.bean(factoryName, AbstractServerConnectionFactory.class))));
	}

	private static AbstractServerConnectionFactory factory(ChatListeners listeners, ListenerProperties properties,
			String prefix, boolean tls) {
		return tls ? listeners.tlsServerFactory(prefix + ".tls", properties.tls(), properties.host(),
				properties.maxLineBytes())
				: listeners.serverFactory(properties.port(), properties.host(), properties.maxLineBytes());
	}

}
