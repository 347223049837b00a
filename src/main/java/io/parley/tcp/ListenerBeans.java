package io.parley.tcp;

import java.util.function.Function;
import java.util.function.ToIntFunction;

import org.springframework.beans.factory.BeanRegistry;
import org.springframework.beans.factory.BeanRegistry.SupplierContext;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.TcpNetServerConnectionFactorySpec;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.messaging.MessageChannel;

import io.parley.session.ChatProtocol;

/**
 * The five beans every listener is made of, plain or TLS, line protocol or IRC: its NET server connection
 * factory, the channel its sessions' bytes leave by, its {@link ChatListener}, the inbound flow (the factory's
 * inbound adapter to the listener) and the outbound flow (the channel to the factory's outbound adapter).
 * <p>
 * The names come from a stem and whether it is the TLS one: {@code line} gives {@code lineServerFactory},
 * {@code lineOutbound}, {@code lineListener}, {@code lineInboundFlow}, {@code lineOutboundFlow}; with TLS,
 * {@code lineTlsServerFactory} and so on. The factory's bean name is also its component name, which names the
 * listener in health and sessions.
 */
public final class ListenerBeans {

	private ListenerBeans() {
	}

	/**
	 * @param protocol the bean that handles the listener's lines
	 * @param factory the listener's connection factory (from {@link ChatListeners#serverFactory} or
	 * {@link ChatListeners#tlsServerFactory})
	 * @param maxLineBytes the protocol's longest line
	 */
	public static void register(BeanRegistry registry, String stem, boolean tls,
			Class<? extends ChatProtocol> protocol, Function<SupplierContext, TcpNetServerConnectionFactorySpec> factory,
			ToIntFunction<SupplierContext> maxLineBytes) {
		String prefix = tls ? stem + "Tls" : stem;
		String factoryName = prefix + "ServerFactory";
		String outboundName = prefix + "Outbound";
		String listenerName = prefix + "Listener";
		registry.registerBean(factoryName, TcpNetServerConnectionFactorySpec.class, spec -> spec.supplier(factory));
		registry.registerBean(outboundName, MessageChannel.class, spec -> spec.supplier(context -> new DirectChannel()));
		registry.registerBean(listenerName, ChatListener.class,
				spec -> spec.supplier(context -> context.bean(ChatListeners.class)
					.register(context.bean(protocol), context.bean(factoryName, TcpNetServerConnectionFactory.class),
							context.bean(outboundName, MessageChannel.class), maxLineBytes.applyAsInt(context), tls)));
		registry.registerBean(prefix + "InboundFlow", IntegrationFlow.class,
				spec -> spec.supplier(context -> ChatListeners.inboundFlow(
						context.bean(factoryName, TcpNetServerConnectionFactory.class),
						context.bean(listenerName, ChatListener.class))));
		registry.registerBean(prefix + "OutboundFlow", IntegrationFlow.class,
				spec -> spec.supplier(context -> ChatListeners.outboundFlow(
						context.bean(outboundName, MessageChannel.class),
						context.bean(factoryName, TcpNetServerConnectionFactory.class))));
	}

}
