package io.parley.support;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/** The running line-protocol listener: its port, and clients connected to it. */
@TestComponent
public class LineServer {

	private static final AtomicInteger names = new AtomicInteger();

	private final AbstractServerConnectionFactory factory;

	public LineServer(@Qualifier("lineServerFactory") AbstractServerConnectionFactory factory) {
		this.factory = factory;
	}

	public int port() {
		return StandaloneParley.listeningPort(this.factory);
	}

	/** A connected client that has read the HELLO line. */
	public ChatClient connect() throws IOException {
		ChatClient client = new ChatClient("localhost", port());
		client.expectPrefix("HELLO ");
		return client;
	}

	/** A connected client from another loopback address ({@code 127.0.0.2}, ...), that has read the HELLO line. */
	public ChatClient connectFrom(String localAddress) throws IOException {
		ChatClient client = new ChatClient("127.0.0.1", port(), localAddress);
		client.expectPrefix("HELLO ");
		return client;
	}

	/** A connected client registered (and so logged in) under a fresh name. */
	public ChatClient register(String prefix) throws IOException {
		String name = uniqueName(prefix);
		ChatClient client = connect();
		client.send("/register " + name + " password1");
		client.expect("OK register " + name);
		client.name(name);
		return client;
	}

	/** A connected client logged in as {@code name}, an account with the password {@code password1}. */
	public ChatClient logIn(String name) throws IOException {
		ChatClient client = connect();
		client.send("/login " + name + " password1");
		client.expect("OK login " + name);
		client.name(name);
		return client;
	}

	/**
	 * Has each client join {@code room} in turn and reads, at every earlier member, the {@code JOIN} of every
	 * later one: the room's members then have nothing unread.
	 */
	public static void joinAll(String room, ChatClient... members) throws IOException {
		String name = room.startsWith("#") ? room.substring(1).toLowerCase() : room.toLowerCase();
		for (int i = 0; i < members.length; i++) {
			members[i].send("/join " + room).expect("OK join " + name);
			for (int earlier = 0; earlier < i; earlier++) {
				members[earlier].expect("JOIN " + name + " " + members[i].name());
			}
		}
	}

	/** A name no other test in this JVM uses, so tests sharing a context never collide. */
	public static String uniqueName(String prefix) {
		return prefix + names.incrementAndGet();
	}

}
