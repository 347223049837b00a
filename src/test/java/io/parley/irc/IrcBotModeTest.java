package io.parley.irc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * The bot mode (ISUPPORT {@code BOT=B}) over a real socket: {@code MODE nick +B} marks the session a bot, whose
 * messages then carry the {@code bot} tag for clients with message-tags, with {@code B} in WHO and {@code 335}
 * in WHOIS; {@code -B} and the session's end take it back; an unknown user mode letter is 501.
 */
@ParleyTest
@TestPropertySource(properties = "parley.accounts.guests=true")
class IrcBotModeTest {

	@Autowired
	IrcGateway irc;


	@Test
	void aBotSaysSoInItsMessagesWhoAndWhoisUntilItSetsMinusB() throws Exception {
		String botNick = LineServer.uniqueName("bot");
		String userNick = LineServer.uniqueName("human");
		String channel = "#" + LineServer.uniqueName("bots");
		try (IrcSocket bot = this.irc.guest(botNick, "b", null);
				IrcSocket user = this.irc.guest(userNick, "b", "message-tags")) {
			bot.send("MODE " + botNick + " +B");
			bot.expect(":" + botNick + "!b@parley MODE " + botNick + " +B");
			bot.send("MODE " + botNick);
			bot.expect(":parley 221 " + botNick + " +Bi");
			bot.send("PRIVMSG " + userNick + " :beep boop");
			assertThat(user.readLine()).matches("@msgid=[^ ;]+;bot :" + botNick + "!b@parley PRIVMSG " + userNick
					+ " :beep boop");
			bot.send("JOIN " + channel).readThrough("366");
			user.send("JOIN " + channel).readThrough("366");
			bot.readLine();
			bot.send("PRIVMSG " + channel + " :in the channel");
			assertThat(user.readLine()).endsWith(";bot :" + botNick + "!b@parley PRIVMSG " + channel + " :in the channel");
			user.send("WHO " + botNick);
			assertThat(user.readLine()).isEqualTo(":parley 352 " + userNick + " * b parley parley " + botNick + " HB :0 B");
			user.readLine();
			user.send("WHOIS " + botNick);
			assertThat(user.readThrough("318")).contains(":parley 335 " + userNick + " " + botNick + " :is a bot");
			bot.send("MODE " + botNick + " -B+Z");
			bot.expect(":parley 501 " + botNick + " :Unknown MODE flag");
			bot.expect(":" + botNick + "!b@parley MODE " + botNick + " -B");
			bot.send("PRIVMSG " + userNick + " :human now");
			assertThat(user.readLine()).doesNotContain(";bot").endsWith(" :human now");
			user.send("WHOIS " + botNick);
			assertThat(user.readThrough("318")).noneMatch(line -> line.startsWith(":parley 335 "));
		}
	}

}
