package io.parley.tcp;

/**
 * What every protocol's settings say about its listeners ({@code parley.tcp.*}, {@code parley.irc.*}) once
 * bound: the plain one's address and port, the TLS one's settings, and the longest line. Whether each is on
 * is read from the environment, before any bean exists ({@link ListenerBeans}).
 */
public interface ListenerProperties {

	int port();

	/** The address to listen on; blank for all. */
	String host();

	int maxLineBytes();

	TlsProperties tls();

}
