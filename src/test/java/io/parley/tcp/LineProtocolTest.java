package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;

import io.parley.support.ChatClient;
import io.parley.support.ParleyTest;
import io.parley.support.LineServer;

/** The line protocol itself: greeting, ping, help, quit, blank lines, unknown commands, arity, login gate. */
@ParleyTest
class LineProtocolTest {

	private static final String AUTH_REQUIRED = "ERR auth-required log in first: /login <name> <password>, "
			+ "or /register <name> <password> for a new account";

	private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

	@Autowired
	LineServer server;

	@Autowired
	ObjectProvider<BuildProperties> build;

	@Value("${local.server.port}")
	int httpPort;

	@Test
	void everyConnectionIsGreetedWithServerVersionAndProtocol() throws Exception {
		BuildProperties buildProperties = this.build.getIfAvailable();
		String version = (buildProperties != null) ? buildProperties.getVersion() : "dev";
		try (ChatClient client = new ChatClient("localhost", this.server.port())) {
			client.expect("HELLO Parley " + version + " protocol 1; "
					+ "/register <name> <password> or /login <name> <password>, /help for more");
			client.expectNothing(Duration.ofMillis(300));
		}
	}

	@Test
	void pingAnswersPongWithTheTokenOrWithout() throws Exception {
		try (ChatClient client = this.server.connect()) {
			client.send("/ping");
			client.expect("PONG");
			client.send("/ping t-42");
			client.expect("PONG t-42");
			client.send("/ping   several  words here   ");
			client.expect("PONG several  words here");
			client.send("/ping a\u0007b\u001b[2Jc");
			client.expect("PONG ab[2Jc");
		}
	}

	@Test
	void commandNamesIgnoreCase() throws Exception {
		String name = LineServer.uniqueName("casey");
		try (ChatClient client = this.server.connect()) {
			client.send("/PING up");
			client.expect("PONG up");
			client.send("/ReGiStEr " + name + " password1");
			client.expect("OK register " + name);
			client.send("/JOIN Case-Room");
			client.expect("OK join case-room");
			client.send("/Who case-room");
			client.expect("WHO case-room " + name);
			client.send("/HELP Ping");
			client.expect("HELP /ping [<token>]: the server answers PONG [<token>]");
			client.send("/QUIT");
			client.expect("BYE quit");
			client.expectClosed(CLOSE_WAIT);
		}
	}

	@Test
	void helpListsEveryCommandOnALineOfItsOwn() throws Exception {
		try (ChatClient client = this.server.connect()) {
			// the list's end is where the answer to a ping sent after it begins
			client.send("/help").send("/ping help-end");
			List<String> lines = new ArrayList<>();
			for (String line = client.readLine(); !line.equals("PONG help-end"); line = client.readLine()) {
				lines.add(line);
			}
			// the commands of every feature, each on its own line; these, in this order among them
			assertThat(lines).allMatch(line -> line.startsWith("HELP "));
			assertThat(lines).containsSubsequence(
					"HELP /register <name> <password>: create an account and log in",
					"HELP /login <name> <password>: log in",
					"HELP /guest <name>: chat without an account, under a name nobody has registered "
							+ "(if the server allows guests)",
					"HELP /msg <name> <text>: private message to <name> (after login)",
					"HELP /join <room> [<key>]: join a room, created if new (you own a room you make); <key> for a room that has one (after login)",
					"HELP /leave <room>: leave a room (after login)",
					"HELP /say <room> <text>: say <text> in a room you are in (after login)",
					"HELP /all <text>: say <text> to everyone online (after login)",
					"HELP /who [<room>]: who is online, or in <room> (after login)",
					"HELP /rooms: rooms and how many are in each (after login)",
					"HELP /passwd <old> <new>: change your password (after login)",
					"HELP /ping [<token>]: the server answers PONG [<token>]",
					"HELP /pong [<token>]: answers the server's PING; no reply",
					"HELP /help [<command>]: this list, or one command",
					"HELP /quit [<text>]: leave; the server says BYE and closes",
					"HELP /share <#room|name> <file>: share an uploaded file (its id or link) in a room or with a person; "
							+ "they see a FILE line (after login)",
					"HELP /filetoken: a short-lived token to upload files over HTTP without your password (after login)",
					"HELP <text>: say <text> in your current room (after login)",
					"HELP //<text>: say <text> starting with / in your current room",
					"HELP files: POST a file's bytes to http://localhost:" + this.httpPort
							+ "/files with HTTP Basic (your name and password) or a /filetoken token, then /share it");
			client.send("/ping end");
			client.expect("PONG end");
		}
	}

	@Test
	void helpForOneCommandGivesItsLineOnly() throws Exception {
		try (ChatClient client = this.server.connect()) {
			client.send("/help msg");
			client.expect("HELP /msg <name> <text>: private message to <name> (after login)");
			client.send("/help /join");
			client.expect("HELP /join <room> [<key>]: join a room, created if new (you own a room you make); <key> for a room that has one (after login)");
			client.send("/help frobnicate");
			client.expect("ERR unknown-command there is no command frobnicate; /help lists the commands");
			// the topic is quoted back the way an unknown command is: cleaned, and never a whole long line
			client.send("/help fro\u001b[31mb");
			client.expect("ERR unknown-command there is no command fro[31mb; /help lists the commands");
			client.send("/help " + "x".repeat(4000));
			client.expect("ERR unknown-command there is no command " + "x".repeat(32) + "...; /help lists the commands");
			client.send("/ping end");
			client.expect("PONG end");
		}
	}

	@Test
	void blankLinesGetNoReply() throws Exception {
		try (ChatClient client = this.server.connect()) {
			client.send("");
			client.send("    ");
			client.send("\t");
			client.send("/ping after-blanks");
			client.expect("PONG after-blanks");
		}
		try (ChatClient client = this.server.register("blank")) {
			client.send("/join blanks");
			client.expect("OK join blanks");
			client.send("   ");
			client.expectNothing(Duration.ofMillis(300));
		}
	}

	@Test
	void unknownCommandsAreNamedBackShortenedAndCleaned() throws Exception {
		try (ChatClient client = this.server.connect()) {
			client.send("/frobnicate now");
			client.expect("ERR unknown-command /frobnicate is not a command; /help lists the commands");
			client.send("/" + "x".repeat(40));
			client.expect("ERR unknown-command /" + "x".repeat(32) + "... is not a command; /help lists the commands");
			client.send("/be\u001b[31mep");
			client.expect("ERR unknown-command /be[31mep is not a command; /help lists the commands");
		}
	}

	@Test
	void beforeLoginOnlyRegisterLoginPingHelpAndQuitWork() throws Exception {
		try (ChatClient client = this.server.connect()) {
			for (String line : List.of("/msg someone hi", "/join lobby", "/leave lobby", "/say lobby hi", "/all hi",
					"/who", "/who lobby", "/rooms", "/passwd password1 password2", "hello there", "//slash")) {
				client.send(line);
				client.expect(AUTH_REQUIRED);
			}
			client.send("/help ping");
			client.expect("HELP /ping [<token>]: the server answers PONG [<token>]");
			client.send("/ping still-here");
			client.expect("PONG still-here");
		}
	}

	@Test
	void wrongArgumentCountsGetTheUsage() throws Exception {
		try (ChatClient client = this.server.connect()) {
			client.send("/register onlyaname");
			client.expect("ERR bad-syntax usage: /register <name> <password>");
			client.send("/login a b c");
			client.expect("ERR bad-syntax usage: /login <name> <password>");
			client.send("/help a b");
			client.expect("ERR bad-syntax usage: /help [<command>]");
		}
		try (ChatClient client = this.server.register("arity")) {
			List<String[]> cases = List.of(new String[] { "/msg", "/msg <name> <text>" },
					new String[] { "/msg " + client.name() + "   ", "/msg <name> <text>" },
					new String[] { "/join", "/join <room> [<key>]" }, new String[] { "/join a b c", "/join <room> [<key>]" },
					new String[] { "/leave", "/leave <room>" }, new String[] { "/say lobby", "/say <room> <text>" },
					new String[] { "/all", "/all <text>" }, new String[] { "/who a b", "/who [<room>]" },
					new String[] { "/rooms now", "/rooms" }, new String[] { "/passwd password1", "/passwd <old> <new>" },
					new String[] { "/register x y z", "/register <name> <password>" });
			for (String[] c : cases) {
				client.send(c[0]);
				client.expect("ERR bad-syntax usage: " + c[1]);
			}
		}
	}

	@Test
	void quitSaysByeWithTheReasonAndCloses() throws Exception {
		try (ChatClient client = this.server.connect()) {
			client.send("/quit");
			client.expect("BYE quit");
			client.expectClosed(CLOSE_WAIT);
		}
		try (ChatClient client = this.server.register("quitter")) {
			client.send("/quit see you \u001b[5mlater");
			client.expect("BYE see you [5mlater");
			client.expectClosed(CLOSE_WAIT);
		}
		try (ChatClient client = this.server.connect()) {
			client.send("/quit \u0007");
			client.expect("BYE quit");
			client.expectClosed(CLOSE_WAIT);
		}
	}

	@Test
	void linesAfterQuitAreIgnored() throws Exception {
		try (ChatClient client = this.server.connect()) {
			client.sendRaw("/quit done\n/ping too-late\n".getBytes());
			client.expect("BYE done");
			client.expectClosed(CLOSE_WAIT);
		}
	}

}
