package io.parley.protocol;

import java.nio.charset.StandardCharsets;

/**
 * An end-to-end encrypted private message (issue 21) as it travels: a private message whose text is
 * {@value #PREFIX} and the envelope in base64url (docs/e2e.md has its layout). The server reads nothing of it but
 * its size and its addressing; every protocol carries it as text, and a client that cannot read envelopes
 * (the line protocol, an IRC client without the {@value #IRC_CAPABILITY} capability) is shown {@link #NOTICE}
 * instead.
 */
public final class EncryptedEnvelope {

	/** What a private message's text starts with when it is an envelope. */
	public static final String PREFIX = "+e2e1:";

	/**
	 * The longest envelope text, prefix included, in bytes: one envelope is one line of IRC (512 bytes with its
	 * command and source) and holds one piece of at most 128 bytes of text for one device; the page splits
	 * longer text. A bound in bytes, so that what a client makes the server store and relay is bounded.
	 */
	public static final int MAX_BYTES = 448;

	/** The IRC capability a client asks for to receive envelopes as they are. */
	public static final String IRC_CAPABILITY = "parley.io/e2e";

	/** What a client that cannot read envelopes is shown in place of one. */
	public static final String NOTICE = "[an end-to-end encrypted message arrived; open Parley's web client to read it]";

	private EncryptedEnvelope() {
	}

	/** Whether {@code text} is an envelope (whatever its size). */
	public static boolean isEnvelope(String text) {
		return text != null && text.startsWith(PREFIX);
	}

	/** Whether the envelope {@code text} is over {@link #MAX_BYTES}. */
	public static boolean tooLarge(String text) {
		return text.length() > MAX_BYTES || text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
	}

}
