package io.parley.line;

import io.parley.protocol.Reply;
import io.parley.protocol.ReplyEncoder;

/**
 * A line session's choice between the two shared codecs: plain, or with each message's id and time
 * ({@code /ids on}). Fan-out still encodes a line once per codec, not once per session.
 */
final class LineEncoding implements ReplyEncoder {

	private final LineCodec plain;

	private final LineCodec withIds;

	private volatile boolean ids;

	LineEncoding(LineCodec plain, LineCodec withIds) {
		this.plain = plain;
		this.withIds = withIds;
	}

	void showIds(boolean on) {
		this.ids = on;
	}

	@Override
	public byte[] encode(Reply reply) {
		return sharedFor(reply).encode(reply);
	}

	@Override
	public ReplyEncoder sharedFor(Reply reply) {
		return this.ids ? this.withIds : this.plain;
	}

}
