package io.parley.tcp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code parley.tcp.*}: the line-protocol listener. What every session has, whatever its protocol (login timeout,
 * send queue, close grace), is {@code parley.sessions.*} ({@link io.parley.session.SessionProperties}).
 *
 * @param enabled whether the plain-text listener runs; off, the line protocol is served over TLS alone (or not at
 * all)
 * @param port TCP port; 0 picks a free one (tests)
 * @param host address to bind; empty for every interface
 * @param backlog connections the OS may queue before they are accepted (capped by net.core.somaxconn)
 * @param maxLineBytes longest line a client may send, without its LF; longer lines get
 * {@code ERR line-too-long} and are dropped
 * @param readBufferBytes the read buffer of each event loop, which every read of its connections goes into (a
 * connection keeps bytes of its own only while a line is incomplete)
 * @param tls the line protocol's TLS listener, port 7443 unless set
 */
@Validated
@ConfigurationProperties("parley.tcp")
public record TcpProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5555") @Min(0) @Max(65535) int port, @DefaultValue("") String host,
		@DefaultValue("1024") @Min(1) int backlog, @DefaultValue("4096") @Min(64) int maxLineBytes,
		@DefaultValue("16384") @Min(64) int readBufferBytes, @DefaultValue @Valid TlsProperties tls) implements ListenerProperties {

	public TcpProperties {
		tls = tls.withDefaultPort(7443);
	}

}
