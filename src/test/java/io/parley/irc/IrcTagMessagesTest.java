package io.parley.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * TAGMSG over real sockets: the allowed client-only tags reach the channel's and the nick's IRC clients that have
 * message-tags (with a msgid, the same for all), never those without it; echo-message echoes it, with the label
 * when labeled; other client tags and server tags from a client are dropped; and every bad request has its numeric:
 * no target, unknown nick, a channel one is not in, a missing channel, too many targets, tags over 4094 bytes.
 */
@ParleyTest
@TestPropertySource(properties = "parley.accounts.guests=true")
class IrcTagMessagesTest {

	private static final Duration QUIET = Duration.ofMillis(400);

	@Autowired
	IrcGateway irc;

	@Test
	void clientTagsReachChannelMembersWithMessageTagsOnly() throws Exception {
		String sender = LineServer.uniqueName("tagger");
		String reader = LineServer.uniqueName("tagread");
		String plain = LineServer.uniqueName("tagplain");
		String channel = "#" + LineServer.uniqueName("tags");
		try (IrcSocket one = this.irc.guest(sender, "t", "message-tags echo-message");
				IrcSocket two = this.irc.guest(reader, "t", "message-tags");
				IrcSocket three = this.irc.guest(plain, "t", null)) {
			one.send("JOIN " + channel).readThrough("366");
			two.send("JOIN " + channel).readThrough("366");
			three.send("JOIN " + channel).readThrough("366");
			one.readLine();
			one.readLine();
			two.readLine();
			one.send("@+draft/react=\\s;+other=x;msgid=forged;+typing=active TAGMSG " + channel);
			String echo = one.readLine();
			String relayed = two.readLine();
			// every client-only tag, as sent; never a server tag a client made up
			assertThat(relayed).matches("@\\+draft/react=\\\\s;\\+other=x;\\+typing=active;msgid=[^ ;]+ :" + sender
					+ "!t@parley TAGMSG " + channel);
			assertThat(echo).isEqualTo(relayed);
			three.expectNothing(QUIET);
		}
	}

	@Test
	void clientTagsOnPrivmsgAndNoticeTravelWithTheMessageToThoseWithMessageTags() throws Exception {
		String sender = LineServer.uniqueName("tagsay");
		String reader = LineServer.uniqueName("tagsaid");
		String plain = LineServer.uniqueName("tagbare");
		String timed = LineServer.uniqueName("tagtime");
		String channel = "#" + LineServer.uniqueName("tagsays");
		try (IrcSocket one = this.irc.guest(sender, "t", "message-tags echo-message");
				IrcSocket two = this.irc.guest(reader, "t", "message-tags");
				IrcSocket three = this.irc.guest(plain, "t", null);
				IrcSocket four = this.irc.guest(timed, "t", "server-time")) {
			for (IrcSocket member : List.of(one, two, three, four)) {
				member.send("JOIN " + channel).readThrough("366");
			}
			one.readLine(); // the others' joins
			one.readLine();
			one.readLine();
			two.readLine();
			two.readLine();
			three.readLine();
			// escapes come back as sent (a value is unescaped on the way in and escaped again on the way out)
			one.send("@+draft/reply=a\\:b\\sc\\\\d;fizz=buzz;+flag PRIVMSG " + channel + " :hi all");
			String echo = one.readLine();
			String relayed = two.readLine();
			assertThat(relayed).matches("@msgid=[^ ;]+;\\+draft/reply=a\\\\:b\\\\sc\\\\\\\\d;\\+flag :" + sender
					+ "!t@parley PRIVMSG " + channel + " :hi all");
			assertThat(echo).isEqualTo(relayed);
			assertThat(three.readLine()).isEqualTo(":" + sender + "!t@parley PRIVMSG " + channel + " :hi all");
			assertThat(four.readLine()).startsWith("@time=").doesNotContain("+draft/reply", "+flag", "msgid");
			one.send("@+x=1 NOTICE " + reader + " :psst");
			one.readLine(); // its echo
			assertThat(two.readLine()).matches("@msgid=[^ ;]+;\\+x=1 :" + sender + "!t@parley NOTICE " + reader + " :psst");
		}
	}

	@Test
	void aTagmsgToANickReachesItAndToOneselfOnlyTheEchoIsLabeled() throws Exception {
		String sender = LineServer.uniqueName("tagnick");
		String reader = LineServer.uniqueName("tagnicked");
		try (IrcSocket one = this.irc.guest(sender, "t", "message-tags echo-message labeled-response batch");
				IrcSocket two = this.irc.guest(reader, "t", "message-tags")) {
			one.send("@label=abc;+draft/reply=xyz TAGMSG " + reader);
			assertThat(one.readLine()).startsWith("@label=abc;+draft/reply=xyz;msgid=").endsWith(" TAGMSG " + reader);
			assertThat(two.readLine()).startsWith("@+draft/reply=xyz;msgid=").endsWith(" TAGMSG " + reader);
			one.send("@label=me;+draft/react=ok TAGMSG " + sender);
			assertThat(one.readLine()).startsWith("@label=me;+draft/react=ok;msgid=");
			assertThat(one.readLine()).startsWith("@+draft/react=ok;msgid=").endsWith(" TAGMSG " + sender);
		}
	}

	@Test
	void badTargetsAndOversizedTagsAreRefused() throws Exception {
		String me = LineServer.uniqueName("tagbad");
		String other = LineServer.uniqueName("tagown");
		String channel = "#" + LineServer.uniqueName("tagged");
		try (IrcSocket client = this.irc.guest(me, "t", "message-tags");
				IrcSocket owner = this.irc.guest(other, "t", "message-tags")) {
			owner.send("JOIN " + channel).readThrough("366");
			client.send("TAGMSG");
			client.expect(":parley 461 " + me + " TAGMSG :Not enough parameters");
			client.send("@+draft/react=x TAGMSG nobody-" + me);
			client.expect(":parley 401 " + me + " nobody-" + me + " :No such nick/channel");
			client.send("@+draft/react=x TAGMSG " + channel);
			client.expect(":parley 404 " + me + " " + channel + " :Cannot send to channel");
			client.send("@+draft/react=x TAGMSG #nowhere-" + me.substring(0, 4));
			client.expect(":parley 403 " + me + " #nowhere-" + me.substring(0, 4) + " :No such channel");
			client.send("@+draft/react=" + "a".repeat(IrcCommands.MAX_CLIENT_TAG_BYTES) + " TAGMSG " + other);
			client.expect(":parley 417 " + me + " :Input line was too long");
			StringBuilder many = new StringBuilder(other);
			for (int n = 0; n < 200; n++) {
				many.append(",x").append(n);
			}
			client.send("TAGMSG " + many);
			assertThat(client.readThrough("407")).last().asString().contains(" 407 " + me + " ");
			owner.readLine(); // the first target is owner: it got one TAGMSG, no more
			owner.expectNothing(QUIET);
		}
	}

}
