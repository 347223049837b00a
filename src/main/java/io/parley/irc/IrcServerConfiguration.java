package io.parley.irc;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.TcpNetServerConnectionFactorySpec;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.messaging.MessageChannel;

import io.parley.chat.ChatService;
import io.parley.chat.CommandDispatcher;
import io.parley.tcp.ChatListener;
import io.parley.tcp.ChatListeners;

/**
 * The IRC listeners: NET server connection factories of their own, each with its inbound and outbound adapters,
 * feeding the same chat services as the line protocol through {@link IrcCommands}. The plain one is off with
 * {@code parley.irc.enabled=false}, the TLS one on with {@code parley.irc.tls.enabled=true}; with neither, there
 * is no IRC at all.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${parley.irc.enabled:true} or ${parley.irc.tls.enabled:false}")
class IrcServerConfiguration {

	static final String IRC_FACTORY = "ircServerFactory";

	static final String IRC_OUTBOUND = "ircOutbound";

	static final String IRC_TLS_FACTORY = "ircTlsServerFactory";

	static final String IRC_TLS_OUTBOUND = "ircTlsOutbound";

	@Bean
	IrcCommands ircCommands(ChatService chat, CommandDispatcher dispatcher, IrcProperties properties,
			ObjectProvider<BuildProperties> build) {
		BuildProperties buildProperties = build.getIfAvailable();
		IrcServer server = new IrcServer(properties, (buildProperties != null) ? buildProperties.getVersion() : "dev");
		return new IrcCommands(chat, dispatcher, server, properties);
	}

	/** The plain-text listener, unless {@code parley.irc.enabled=false}. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "parley.irc.enabled", matchIfMissing = true)
	static class PlainIrcListener {

		@Bean(IRC_FACTORY)
		TcpNetServerConnectionFactorySpec ircServerFactory(IrcProperties properties, ChatListeners listeners) {
			return listeners.serverFactory(properties.port(), properties.host(), properties.maxLineBytes());
		}

		@Bean(IRC_OUTBOUND)
		MessageChannel ircOutbound() {
			return new DirectChannel();
		}

		@Bean
		ChatListener ircListener(ChatListeners listeners, IrcCommands irc,
				@Qualifier(IRC_FACTORY) TcpNetServerConnectionFactory factory,
				@Qualifier(IRC_OUTBOUND) MessageChannel outbound, IrcProperties properties) {
			return listeners.register(irc, factory, outbound, properties.maxLineBytes(), false);
		}

		@Bean
		IntegrationFlow ircInboundFlow(@Qualifier(IRC_FACTORY) TcpNetServerConnectionFactory factory,
				@Qualifier("ircListener") ChatListener listener) {
			return ChatListeners.inboundFlow(factory, listener);
		}

		@Bean
		IntegrationFlow ircOutboundFlow(@Qualifier(IRC_OUTBOUND) MessageChannel outbound,
				@Qualifier(IRC_FACTORY) TcpNetServerConnectionFactory factory) {
			return ChatListeners.outboundFlow(outbound, factory);
		}

	}

	/** The TLS listener ({@code parley.irc.tls.*}, port 6697): the same beans on a TLS factory. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("parley.irc.tls.enabled")
	static class TlsIrcListener {

		@Bean(IRC_TLS_FACTORY)
		TcpNetServerConnectionFactorySpec ircTlsServerFactory(IrcProperties properties, ChatListeners listeners) {
			return listeners.tlsServerFactory("parley.irc.tls", properties.tls(), properties.host(),
					properties.maxLineBytes());
		}

		@Bean(IRC_TLS_OUTBOUND)
		MessageChannel ircTlsOutbound() {
			return new DirectChannel();
		}

		@Bean
		ChatListener ircTlsListener(ChatListeners listeners, IrcCommands irc,
				@Qualifier(IRC_TLS_FACTORY) TcpNetServerConnectionFactory factory,
				@Qualifier(IRC_TLS_OUTBOUND) MessageChannel outbound, IrcProperties properties) {
			return listeners.register(irc, factory, outbound, properties.maxLineBytes(), true);
		}

		@Bean
		IntegrationFlow ircTlsInboundFlow(@Qualifier(IRC_TLS_FACTORY) TcpNetServerConnectionFactory factory,
				@Qualifier("ircTlsListener") ChatListener listener) {
			return ChatListeners.inboundFlow(factory, listener);
		}

		@Bean
		IntegrationFlow ircTlsOutboundFlow(@Qualifier(IRC_TLS_OUTBOUND) MessageChannel outbound,
				@Qualifier(IRC_TLS_FACTORY) TcpNetServerConnectionFactory factory) {
			return ChatListeners.outboundFlow(outbound, factory);
		}

	}

}
