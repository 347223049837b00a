package io.parley.line;

import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import io.parley.tcp.ListenerBeans;
import io.parley.tcp.TcpProperties;

/**
 * The line protocol's TCP listeners ({@link ListenerBeans}): the plain one unless
 * {@code parley.tcp.enabled=false}, the TLS one ({@code parley.tcp.tls.*}) when enabled; both feed the same
 * protocol, so a TLS session is a line session like any other. Declared by the protocol, as IRC declares its
 * own, so the transport knows no protocol.
 */
@Configuration(proxyBeanMethods = false)
@Import(LineListeners.Registrar.class)
class LineListeners {

	static class Registrar implements BeanRegistrar {

		@Override
		public void register(BeanRegistry registry, Environment environment) {
			ListenerBeans.register(registry, environment, "line", "parley.tcp", LineCommands.class, TcpProperties.class);
		}

	}

}
