package io.parley.tcp;

/**
 * What every protocol's settings say about its listeners ({@code parley.tcp.*}, {@code parley.irc.*}): the
 * plain one's port and whether it is on, the TLS one's settings, and the longest line.
 */
public interface ListenerProperties {

	boolean enabled();

	int port();

	/** The address to listen on; blank for all. */
	String host();

	int maxLineBytes();

	TlsProperties tls();

}
