package io.parley.protocol;

/**
 * Turns a reply into the bytes one protocol puts on the wire, terminator included. A session holds
 * the encoder of the protocol it speaks; fan-out encodes a reply once per encoder, not once per member.
 */
public interface ReplyEncoder {

	byte[] encode(Reply reply);

	/**
	 * The encoder whose bytes for {@code reply} every session that shares it can use: fan-out encodes once per
	 * such encoder. Null when this session's bytes are its own (they name the recipient, say).
	 */
	default ReplyEncoder sharedFor(Reply reply) {
		return this;
	}

}
