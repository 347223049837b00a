package io.parley.irc;

import java.nio.charset.StandardCharsets;

/**
 * IRCv3 labeled-response: the replies of a command the client labeled carry its label. No reply is an
 * {@code ACK}; one line gets the {@code label} tag; several come in a {@code labeled-response} batch (with
 * {@code batch}; without it they go unlabeled), whose lines not already in a batch of their own (a chathistory page)
 * get its {@code batch} tag, so batches nest as the batch spec has them.
 */
final class IrcLabels {

	private IrcLabels() {
	}

	static byte[] label(byte[] replies, String label, IrcClient client) {
		String text = new String(replies, StandardCharsets.UTF_8);
		String[] lines = text.isEmpty() ? new String[0] : text.split("\r\n");
		if (lines.length == 0) {
			return new IrcLine().addPlain("label=" + label, client.serverName(), "ACK").bytes();
		}
		if (lines.length == 1) {
			return (tagged(lines[0], "label=" + label) + "\r\n").getBytes(StandardCharsets.UTF_8);
		}
		if (!client.has("batch")) {
			return replies;
		}
		String batch = client.nextBatchId();
		StringBuilder out = new StringBuilder(text.length() + 64 * lines.length);
		out.append("@label=").append(label).append(" :").append(client.serverName()).append(" BATCH +").append(batch)
			.append(" labeled-response\r\n");
		for (String line : lines) {
			out.append(inBatch(line) ? line : tagged(line, "batch=" + batch)).append("\r\n");
		}
		out.append(':').append(client.serverName()).append(" BATCH -").append(batch).append("\r\n");
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** {@code line} with {@code tag} first among its tags. */
	private static String tagged(String line, String tag) {
		return line.startsWith("@") ? "@" + tag + ";" + line.substring(1) : "@" + tag + " " + line;
	}

	private static boolean inBatch(String line) {
		if (!line.startsWith("@")) {
			return false;
		}
		String tags = line.substring(1, line.indexOf(' '));
		for (String tag : tags.split(";")) {
			if (tag.startsWith("batch=")) {
				return true;
			}
		}
		return false;
	}

}
