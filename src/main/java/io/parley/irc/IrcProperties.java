package io.parley.irc;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.parley.tcp.ListenerProperties;
import io.parley.tcp.TlsProperties;

/**
 * {@code parley.irc.*}: the IRC gateway. Send queues, login timeout and close grace are every session's
 * ({@code parley.sessions.*}), the backlog and read buffer the line protocol's ({@code parley.tcp.*}), and the
 * keep-alive is {@code parley.limits.idle.*}, as both listeners serve the same sessions.
 *
 * @param enabled whether the plain-text IRC listener runs; off, IRC is served over TLS alone (or not at all)
 * @param port its port ({@code 0}: any free port)
 * @param host the address to listen on; empty for all
 * @param serverName the server's name in IRC lines (the source of numerics)
 * @param network the network name clients show (ISUPPORT {@code NETWORK})
 * @param description what the server says of itself in LINKS and VERSION (its "server info")
 * @param motd the message of the day, one entry per line; empty: clients get {@code 422}
 * @param maxLineBytes longest line a client may send: 512 for the message and up to 4094 for its tags
 * @param tls the IRC TLS listener, port 6697 unless set (the IANA port for IRC over TLS, RFC 7194)
 */
@Validated
@ConfigurationProperties("parley.irc")
public record IrcProperties(@DefaultValue("true") boolean enabled, @DefaultValue("6667") @Min(0) @Max(65535) int port,
		@DefaultValue("") String host, @DefaultValue("parley") @NotBlank String serverName,
		@DefaultValue("Parley") @NotBlank String network,
		@DefaultValue("Parley chat server") @NotBlank String description, @DefaultValue List<String> motd,
		@DefaultValue("4608") @Min(512) int maxLineBytes,
		@DefaultValue @Valid TlsProperties tls) implements ListenerProperties {

	public IrcProperties {
		tls = tls.withDefaultPort(6697);
	}

}
