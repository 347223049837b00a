package io.parley.support;

import java.io.IOException;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.ApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/** The running IRC listener: its port, and hand-written clients connected to it. */
@TestComponent
public class IrcGateway {

	private final ApplicationContext context;

	/** Looked up when used: a context with {@code parley.irc.enabled=false} has no IRC listener. */
	public IrcGateway(ApplicationContext context) {
		this.context = context;
	}

	public int port() {
		return StandaloneParley.listeningPort(
				this.context.getBean("ircServerFactory", AbstractServerConnectionFactory.class));
	}

	/** A connected client that has read the server's greeting notice. */
	public IrcSocket connect() throws IOException {
		IrcSocket irc = new IrcSocket(port());
		irc.expect(":parley NOTICE * :*** Welcome to Parley: log in with SASL PLAIN or PASS (your nick is your account name)");
		return irc;
	}

	/**
	 * A guest (the context needs {@code parley.accounts.guests=true}) registered as {@code nick} with {@code user}
	 * as its user and real name, having asked for {@code caps} (null for none) and read their ACK.
	 */
	public IrcSocket guest(String nick, String user, String caps) throws IOException {
		IrcSocket socket = connect();
		if (caps != null) {
			socket.send("CAP REQ :" + caps).send("CAP END");
			socket.expect(":parley CAP * ACK :" + caps);
		}
		socket.send("NICK " + nick).send("USER " + user + " 0 * :" + user.toUpperCase()).readWelcome();
		return socket;
	}

	/** A client logged in with {@code PASS} as a registered user. */
	public IrcSocket logIn(String nick) throws IOException {
		return connect().logIn(nick, "password1");
	}

}
