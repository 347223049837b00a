package io.parley.protocol;

/**
 * Turns a reply into the bytes one protocol puts on the wire, terminator included. A session holds
 * the encoder of the protocol it speaks; fan-out encodes a reply once per encoder, not once per member.
 */
public interface ReplyEncoder {

	byte[] encode(Reply reply);

}
