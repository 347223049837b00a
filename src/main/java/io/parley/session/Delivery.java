package io.parley.session;

import java.util.IdentityHashMap;
import java.util.Map;

import io.parley.protocol.Reply;
import io.parley.protocol.ReplyEncoder;

/**
 * One reply on its way to many sessions: encoded once per protocol and the same bytes shared by every
 * session that speaks it. Used by one fan-out at a time, so it needs no locking of its own.
 */
public final class Delivery {

	private final Reply reply;

	private final long receivedNanos;

	private ReplyEncoder firstEncoder;

	private byte[] firstBytes;

	private Map<ReplyEncoder, byte[]> otherBytes;

	/** @param receivedNanos when the message arrived ({@link System#nanoTime()}), for the latency metric */
	public Delivery(Reply reply, long receivedNanos) {
		this.reply = reply;
		this.receivedNanos = receivedNanos;
	}

	/** A message from a user: it arrived with the line the sender's session is handling now. */
	public static Delivery from(Session sender, Reply reply) {
		return new Delivery(reply, sender.lineReceivedNanos());
	}

	/** An event that happens now (a join, a leave, an announcement). */
	public static Delivery now(Reply reply) {
		return new Delivery(reply, System.nanoTime());
	}

	public Reply reply() {
		return this.reply;
	}

	long receivedNanos() {
		return this.receivedNanos;
	}

	byte[] bytesFor(ReplyEncoder sessionEncoder) {
		ReplyEncoder encoder = sessionEncoder.sharedFor(this.reply);
		if (encoder == null) {
			return sessionEncoder.encode(this.reply);
		}
		if (this.firstEncoder == null) {
			this.firstEncoder = encoder;
			this.firstBytes = encoder.encode(this.reply);
		}
		if (encoder == this.firstEncoder) {
			return this.firstBytes;
		}
		if (this.otherBytes == null) {
			this.otherBytes = new IdentityHashMap<>(2);
		}
		return this.otherBytes.computeIfAbsent(encoder, e -> e.encode(this.reply));
	}

}
