package io.parley.bench;

/**
 * What a client says and listens for, per protocol: Parley's line protocol, or IRC (the same for Parley's
 * gateway, ngIRCd and InspIRCd). Every payload the generator sends starts with {@link #MARK}, so a received
 * message is found the same way whatever the server put in front of it.
 */
enum Dialect {

	LINE("\n", "/join ", "/say ", " ", "/msg ", " ", "/ping ", "/quit") {
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
		boolean isJoined(String line) {
			return line.startsWith("OK join");
		}

		@Override
		String answerToPing(String line) {
			return line.startsWith("PING") ? "/pong" : null;
		}

		@Override
		boolean isPong(String line) {
			return line.startsWith("PONG");
		}
	},

	IRC("\r\n", "JOIN #", "PRIVMSG #", " :", "PRIVMSG ", " :", "PING :", "QUIT :bench") {
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

		/** The end of the names list (366) follows the JOIN and the names. */
		@Override
		boolean isJoined(String line) {
			return command(line).equals("366");
		}

		@Override
		String answerToPing(String line) {
			return line.startsWith("PING") ? "PONG" + line.substring(4) : null;
		}

		@Override
		boolean isPong(String line) {
			return command(line).equals("PONG");
		}
	};

	static final String MARK = "%%";

	private final String lineEnd;

	private final String join;

	private final String say;

	private final String sayText;

	private final String msg;

	private final String msgText;

	private final String ping;

	private final String quit;

	/**
	 * What the commands that only send look like: {@code say} goes before the room and {@code sayText} between
	 * it and the text, and so for {@code msg}; {@code join} and {@code ping} go before their one argument;
	 * {@code quit} is the whole line that leaves.
	 */
	Dialect(String lineEnd, String join, String say, String sayText, String msg, String msgText, String ping,
			String quit) {
		this.lineEnd = lineEnd;
		this.join = join;
		this.say = say;
		this.sayText = sayText;
		this.msg = msg;
		this.msgText = msgText;
		this.ping = ping;
		this.quit = quit;
	}

	String lineEnd() {
		return this.lineEnd;
	}

	void join(Client c, String room) {
		c.send(this.join + room);
	}

	void say(Client c, String room, String text) {
		c.send(this.say + room + this.sayText + text);
	}

	void msg(Client c, String to, String text) {
		c.send(msgLine(to, text));
	}

	/** A private message as a line, without its end: a flooding sender puts many in one write. */
	String msgLine(String to, String text) {
		return this.msg + to + this.msgText + text;
	}

	void ping(Client c, String token) {
		c.send(this.ping + token);
	}

	/** Asks the server to end the session; it answers (BYE, ERROR) and closes the connection. */
	void quit(Client c) {
		c.send(this.quit);
	}

	// --- a room's rules (issue 16): the same words for Parley's gateway and the peers on IRC

	/** Asks for a room's member list: IRC {@code NAMES}, the line protocol's {@code /who <room>}. */
	void names(Client c, String room) {
		c.send(this == IRC ? "NAMES #" + room : "/who " + room);
	}

	/** The last line of a member list: IRC's end of names (366), or the line protocol's last {@code WHO} line. */
	boolean isNamesEnd(String line) {
		return this == IRC ? command(line).equals("366") : line.startsWith("WHO ");
	}

	/** Whether a join's own answer holds the member list (IRC's names); the line protocol's is one line. */
	boolean joinListsNames() {
		return this == IRC;
	}

	void leave(Client c, String room) {
		c.send(this == IRC ? "PART #" + room : "/leave " + room);
	}

	/** The answer to one's own leave: the echo of IRC's {@code PART}, or {@code OK leave}. */
	boolean isLeft(String line) {
		return this == IRC ? command(line).equals("PART") : line.startsWith("OK leave");
	}

	void topic(Client c, String room, String text) {
		c.send(this == IRC ? "TOPIC #" + room + " :" + text : "/topic " + room + " " + text);
	}

	void kick(Client c, String room, String name, String reason) {
		c.send(this == IRC ? "KICK #" + room + " " + name + " :" + reason : "/kick " + room + " " + name + " " + reason);
	}

	/** Logs in as an account with {@code password} (Parley's admin): IRC {@code PASS} before registering. */
	void logIn(Client c, String password) {
		if (this == IRC) {
			c.send("PASS " + password);
			register(c);
		}
		else {
			c.send("/login " + c.name + " " + password);
		}
	}

	abstract void register(Client c);

	abstract boolean isRegistered(String line);

	abstract boolean isRefusal(String line);

	abstract boolean isJoined(String line);

	/** The answer to a server's keep-alive ping, or null when the line is none. */
	abstract String answerToPing(String line);

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
