package io.parley.tcp;

import java.util.List;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.TcpNetServerConnectionFactorySpec;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.messaging.MessageChannel;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import io.parley.chat.LineCommands;

/**
 * The executors every listener shares, and the line-protocol listeners as Spring Integration flows: each one
 * NET server connection factory shared by an inbound adapter (frames to its {@link ChatListener}) and an outbound
 * adapter (bytes from each session's writer, addressed by {@code ip_connectionId}). The plain listener and the
 * TLS one are alike but for their factories.
 * <p>
 * Connection tasks are virtual threads when Boot has them on ({@code spring.threads.virtual.enabled} on a
 * JVM that has them), and pooled platform threads otherwise.
 */
@Configuration(proxyBeanMethods = false)
class TcpServerConfiguration {

	static final String LINE_FACTORY = "lineServerFactory";

	static final String LINE_OUTBOUND = "lineOutbound";

	static final String LINE_TLS_FACTORY = "lineTlsServerFactory";

	static final String LINE_TLS_OUTBOUND = "lineTlsOutbound";

	/**
	 * Reads the key store of every TLS listener that is on before anything starts (the HTTP port, the database),
	 * so a missing file or a wrong password stops the start with its message and nothing else to undo. The
	 * listeners' factories read them again when they are made.
	 */
	@Bean
	static BeanFactoryPostProcessor tlsKeyStoreCheck(Environment environment) {
		return beanFactory -> {
			Binder binder = Binder.get(environment);
			for (String prefix : List.of("parley.tcp.tls", "parley.irc.tls")) {
				binder.bind(prefix, TlsProperties.class).ifBound(tls -> {
					if (tls.enabled()) {
						ServerTls.load(prefix, tls);
					}
				});
			}
		};
	}

	/** Accept loops and one reader per connection, for the connection's life. */
	@Bean
	TaskExecutor tcpConnectionExecutor(Environment environment) {
		return perTaskExecutor("parley-conn-", environment);
	}

	/** Session writers: a task per session with output waiting, ending when its queue is empty. */
	@Bean
	TaskExecutor sessionWriterExecutor(Environment environment) {
		return perTaskExecutor("parley-send-", environment);
	}

	/**
	 * Tasks here block on sockets for as long as a client likes, so no fixed pool would do: a virtual thread
	 * each, or else a platform pool that grows with the load and lets idle threads go.
	 */
	private static TaskExecutor perTaskExecutor(String prefix, Environment environment) {
		if (Threading.VIRTUAL.isActive(environment)) {
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(prefix);
			executor.setVirtualThreads(true);
			return executor;
		}
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix(prefix);
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(Integer.MAX_VALUE);
		executor.setQueueCapacity(0);
		executor.setKeepAliveSeconds(60);
		return executor;
	}

	/** The plain-text listener, unless {@code parley.tcp.enabled=false}. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "parley.tcp.enabled", matchIfMissing = true)
	static class PlainLineListener {

		@Bean(LINE_FACTORY)
		TcpNetServerConnectionFactorySpec lineServerFactory(TcpProperties properties, ChatListeners listeners) {
			return listeners.serverFactory(properties.port(), properties.host(), properties.maxLineBytes());
		}

		@Bean(LINE_OUTBOUND)
		MessageChannel lineOutbound() {
			return new DirectChannel();
		}

		@Bean
		ChatListener lineListener(ChatListeners listeners, LineCommands line,
				@Qualifier(LINE_FACTORY) TcpNetServerConnectionFactory factory,
				@Qualifier(LINE_OUTBOUND) MessageChannel outbound, TcpProperties properties) {
			return listeners.register(line, factory, outbound, properties.maxLineBytes(), false);
		}

		@Bean
		IntegrationFlow lineInboundFlow(@Qualifier(LINE_FACTORY) TcpNetServerConnectionFactory factory,
				@Qualifier("lineListener") ChatListener listener) {
			return ChatListeners.inboundFlow(factory, listener);
		}

		@Bean
		IntegrationFlow lineOutboundFlow(@Qualifier(LINE_OUTBOUND) MessageChannel outbound,
				@Qualifier(LINE_FACTORY) TcpNetServerConnectionFactory factory) {
			return ChatListeners.outboundFlow(outbound, factory);
		}

	}

	/**
	 * The TLS listener ({@code parley.tcp.tls.*}): the same beans on a TLS factory, feeding the same protocol,
	 * so its sessions are line sessions like any other.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("parley.tcp.tls.enabled")
	static class TlsLineListener {

		@Bean(LINE_TLS_FACTORY)
		TcpNetServerConnectionFactorySpec lineTlsServerFactory(TcpProperties properties, ChatListeners listeners) {
			return listeners.tlsServerFactory("parley.tcp.tls", properties.tls(), properties.host(),
					properties.maxLineBytes());
		}

		@Bean(LINE_TLS_OUTBOUND)
		MessageChannel lineTlsOutbound() {
			return new DirectChannel();
		}

		@Bean
		ChatListener lineTlsListener(ChatListeners listeners, LineCommands line,
				@Qualifier(LINE_TLS_FACTORY) TcpNetServerConnectionFactory factory,
				@Qualifier(LINE_TLS_OUTBOUND) MessageChannel outbound, TcpProperties properties) {
			return listeners.register(line, factory, outbound, properties.maxLineBytes(), true);
		}

		@Bean
		IntegrationFlow lineTlsInboundFlow(@Qualifier(LINE_TLS_FACTORY) TcpNetServerConnectionFactory factory,
				@Qualifier("lineTlsListener") ChatListener listener) {
			return ChatListeners.inboundFlow(factory, listener);
		}

		@Bean
		IntegrationFlow lineTlsOutboundFlow(@Qualifier(LINE_TLS_OUTBOUND) MessageChannel outbound,
				@Qualifier(LINE_TLS_FACTORY) TcpNetServerConnectionFactory factory) {
			return ChatListeners.outboundFlow(outbound, factory);
		}

	}

}
