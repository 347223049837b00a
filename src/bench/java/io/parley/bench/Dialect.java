package io.parley.bench;

/**
 * What a client says and listens for, per protocol: Parley's line protocol, or IRC (the same for Parley's
 * gateway, ngIRCd and InspIRCd). Every payload the generator sends starts with {@link #MARK}, so a received
 * message is found the same way whatever the server put in front of it.
 */
enum Dialect {

	LINE {
		@Override
		String lineEnd() {
			return "\n";
		}

		@Override
		void register(Client c) {
			c.send("/guest " + c.name);
		}

		@Override
		boolean isRegistered(String line) {
			return line.startsWith("OK guest") || line.startsWith("OK login") || line.startsWith("OK register");
		}

		@Override
		boolean isRefusal(String line) {
			return line.startsWith("ERR ") || line.startsWith("BYE ");
		}

		@Override
		void join(Client c, String room) {
			c.send("/join " + room);
		}

		@Override
		boolean isJoined(String line) {
			return line.startsWith("OK join");
		}

		@Override
		void say(Client c, String room, String text) {
			c.send("/say " + room + " " + text);
		}

		@Override
		void msg(Client c, String to, String text) {
			c.send("/msg " + to + " " + text);
		}

		@Override
		String answerToPing(String line) {
			return line.startsWith("PING") ? "/pong" : null;
		}

		@Override
		void ping(Client c, String token) {
			c.send("/ping " + token);
		}

		@Override
		boolean isPong(String line) {
			return line.startsWith("PONG");
		}
	},

	IRC {
		@Override
		String lineEnd() {
			return "\r\n";
		}

		@Override
		void register(Client c) {
			c.send("NICK " + c.name);
			c.send("USER " + c.name + " 0 * :bench " + c.name);
		}

		/** The end of the MOTD (376), or its absence (422): registration is over, the welcome sent. */
		@Override
		boolean isRegistered(String line) {
			String command = command(line);
			return command.equals("376") || command.equals("422");
		}

		@Override
		boolean isRefusal(String line) {
			return switch (command(line)) {
				case "ERROR", "432", "433", "464", "465", "FAIL" -> true;
				default -> false;
			};
		}

		@Override
		void join(Client c, String room) {
			c.send("JOIN #" + room);
		}

		/** The end of the names list (366) follows the JOIN and the names. */
		@Override
		boolean isJoined(String line) {
			return command(line).equals("366");
		}

		@Override
		void say(Client c, String room, String text) {
			c.send("PRIVMSG #" + room + " :" + text);
		}

		@Override
		void msg(Client c, String to, String text) {
			c.send("PRIVMSG " + to + " :" + text);
		}

		@Override
		String answerToPing(String line) {
			return line.startsWith("PING") ? "PONG" + line.substring(4) : null;
		}

		@Override
		void ping(Client c, String token) {
			c.send("PING :" + token);
		}

		@Override
		boolean isPong(String line) {
			return command(line).equals("PONG");
		}
	};

	static final String MARK = "%%";

	abstract String lineEnd();

	abstract void register(Client c);

	abstract boolean isRegistered(String line);

	abstract boolean isRefusal(String line);

	abstract void join(Client c, String room);

	abstract boolean isJoined(String line);

	abstract void say(Client c, String room, String text);

	abstract void msg(Client c, String to, String text);

	/** The answer to a server's keep-alive ping, or null when the line is none. */
	abstract String answerToPing(String line);

	abstract void ping(Client c, String token);

	abstract boolean isPong(String line);

	/** An IRC line's command or numeric: the first word, or the second after a :prefix (tags are not asked for). */
	static String command(String line) {
		int from = 0;
		if (line.startsWith(":")) {
			from = line.indexOf(' ') + 1;
			if (from == 0) {
				return "";
			}
		}
		int to = line.indexOf(' ', from);
		return to < 0 ? line.substring(from) : line.substring(from, to);
	}

	/** Where the generator's payload starts in a received line, or -1. */
	static int payload(String line) {
		int at = line.indexOf(MARK);
		return at < 0 ? -1 : at + MARK.length();
	}

}
