package io.parley.session;

import io.parley.protocol.ReplyEncoder;

/**
 * What one protocol adds to a session: how it greets, reads and writes. Everything else (the registry, send
 * queues, login timeouts, flood control, closes, metrics) is the same for every protocol and every transport,
 * and lives in {@link SessionEndpoint}.
 */
public interface ChatProtocol {

	/** The protocol's name in sessions, meters and the admin layer: {@code line}, {@code irc}. */
	String name();

	/** The encoder for a new session. */
	ReplyEncoder newEncoder();

	/**
	 * The state this protocol keeps for a new session (what it negotiated, how far registration came), made
	 * right after {@code encoder} and kept in the session's slot for it ({@link Session#protocolState}); null
	 * for none. IRC's state is also its encoder (numerics name their recipient), so it gets the encoder.
	 */
	default Object newState(ReplyEncoder encoder) {
		return null;
	}

	/** A connection opened; the session is registered and may be written to. */
	void opened(Session session);

	/** One line the client sent, without its line end, decoded as UTF-8. Never throws at a client's input. */
	void line(Session session, String line);

	/**
	 * Whether this protocol's clients answer the server's {@code PING} by themselves, as IRC clients do; a
	 * quiet client is pinged (and closed when it does not answer) only then, or when the operator asks for it
	 * ({@link IdleWatch}).
	 */
	default boolean clientsAnswerPings() {
		return true;
	}

	/**
	 * Whether handling {@code line} cannot wait for anything (a database, a password hash, another node): only
	 * memory and send queues. A transport's I/O thread then handles it itself, where it was read, rather than hand
	 * it to a chat worker (a hand-off and a wake-up per line on the busiest paths); false is always safe. Asked
	 * before the line's turn in the flood allowance is taken, on the thread that would handle it.
	 */
	default boolean neverWaits(Session session, String line) {
		return false;
	}

	/** The client sent a line longer than {@code limit} bytes ({@code length}); it was dropped. */
	void oversized(Session session, long length, int limit);

	/**
	 * Whether {@code session} gets its own messages back, as the others see them (IRC's {@code echo-message}):
	 * asked by the chat core for every message the session sends.
	 */
	default boolean echoesOwnMessages(Session session) {
		return false;
	}

	/**
	 * Whether {@code session}'s client reads end-to-end encrypted envelopes ({@code protocol.EncryptedEnvelope},
	 * issue 21); one that does not is shown a notice in place of each.
	 */
	default boolean readsEnvelopes(Session session) {
		return false;
	}

	/**
	 * Whether the chat core shows {@code session} a room's last lines right after it joins; a protocol that shows
	 * them at another point of its join (IRC, after NAMES) says no and does it itself.
	 */
	default boolean wantsJoinReplay(Session session) {
		return true;
	}

}
