package io.parley.irc;

import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.beans.factory.BeanRegistry.SupplierContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.integration.ip.dsl.TcpNetServerConnectionFactorySpec;

import io.parley.chat.ChatService;
import io.parley.chat.CommandDispatcher;
import io.parley.tcp.ChatListeners;
import io.parley.tcp.ListenerBeans;

/**
 * The IRC listeners ({@link ListenerBeans}): NET server connection factories of their own, each with its inbound
 * and outbound adapters, feeding the same chat services as the line protocol through {@link IrcCommands}. The plain one is off with
 * {@code parley.irc.enabled=false}, the TLS one on with {@code parley.irc.tls.enabled=true}; with neither, there
 * is no IRC at all.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${parley.irc.enabled:true} or ${parley.irc.tls.enabled:false}")
@Import(IrcServerConfiguration.IrcListeners.class)
class IrcServerConfiguration {

	@Bean
	IrcCommands ircCommands(ChatService chat, CommandDispatcher dispatcher, IrcProperties properties,
			ObjectProvider<BuildProperties> build) {
		BuildProperties buildProperties = build.getIfAvailable();
		IrcServer server = new IrcServer(properties, (buildProperties != null) ? buildProperties.getVersion() : "dev");
		return new IrcCommands(chat, dispatcher, server, properties);
	}

	/**
	 * The IRC listeners: the plain one unless {@code parley.irc.enabled=false}, the TLS one
	 * ({@code parley.irc.tls.*}, port 6697) when enabled.
	 */
	static class IrcListeners implements BeanRegistrar {

		@Override
		public void register(BeanRegistry registry, Environment environment) {
			if (environment.getProperty("parley.irc.enabled", Boolean.class, true)) {
				ListenerBeans.register(registry, "irc", false, IrcCommands.class, context -> factory(context, false),
						IrcListeners::maxLineBytes);
			}
			if (environment.getProperty("parley.irc.tls.enabled", Boolean.class, false)) {
				ListenerBeans.register(registry, "irc", true, IrcCommands.class, context -> factory(context, true),
						IrcListeners::maxLineBytes);
			}
		}

		private static TcpNetServerConnectionFactorySpec factory(SupplierContext context, boolean tls) {
			IrcProperties properties = context.bean(IrcProperties.class);
			ChatListeners listeners = context.bean(ChatListeners.class);
			return tls ? listeners.tlsServerFactory("parley.irc.tls", properties.tls(), properties.host(),
					properties.maxLineBytes())
					: listeners.serverFactory(properties.port(), properties.host(), properties.maxLineBytes());
		}

		private static int maxLineBytes(SupplierContext context) {
			return context.bean(IrcProperties.class).maxLineBytes();
		}

	}

}
