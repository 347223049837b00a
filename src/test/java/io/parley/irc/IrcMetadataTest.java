package io.parley.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * draft/metadata-3 over real sockets: a user's own values (set, read, listed, unset, cleared, set before
 * registration), another user's (read only), a channel's (its operators set them, everyone reads), pushes to
 * subscribers on change and at JOIN, 760 in WHOIS; and a clear refusal for every bad request: unknown target,
 * invalid key, over-long value, too many keys, someone else's values, unknown subcommand, missing parameters.
 */
@ParleyTest
@TestPropertySource(properties = "parley.accounts.guests=true")
class IrcMetadataTest {

	private static final String CAPS = "draft/metadata-3";

	private static final Duration QUIET = Duration.ofMillis(400);

	@Autowired
	IrcGateway irc;

	@Test
	void aUserSetsReadsListsAndUnsetsItsOwnValues() throws Exception {
		String me = LineServer.uniqueName("meta");
		try (IrcSocket client = this.irc.guest(me, "m", CAPS)) {
			client.send("METADATA * SET display-name :The First");
			client.expect(":parley 761 " + me + " " + me + " display-name * :The First");
			client.send("METADATA " + me + " GET display-name avatar");
			client.expect(":parley 761 " + me + " " + me + " display-name * :The First");
			client.expect(":parley 766 " + me + " " + me + " avatar :key not set");
			client.send("METADATA * SET avatar :https://example.com/a.png").readLine();
			client.send("METADATA * LIST");
			client.expect(":parley 761 " + me + " " + me + " display-name * :The First");
			client.expect(":parley 761 " + me + " " + me + " avatar * :https://example.com/a.png");
			client.send("METADATA * SET avatar");
			client.expect(":parley 766 " + me + " " + me + " avatar :key not set");
			client.send("METADATA * CLEAR");
			client.expect(":parley 766 " + me + " " + me + " display-name :key not set");
			client.send("METADATA * LIST").send("PING end");
			client.expect(":parley PONG parley :end");
		}
	}

	@Test
	void repliesComeInAMetadataBatchForClientsWithBatch() throws Exception {
		String me = LineServer.uniqueName("batched");
		try (IrcSocket client = this.irc.guest(me, "m", CAPS + " batch")) {
			client.send("METADATA * GET display-name");
			String open = client.readLine();
			assertThat(open).matches(":parley BATCH \\+(\\w+) metadata " + me);
			String id = open.split(" ")[2].substring(1);
			client.expect("@batch=" + id + " :parley 766 " + me + " " + me + " display-name :key not set");
			client.expect(":parley BATCH -" + id);
		}
	}

	@Test
	void valuesSetBeforeRegistrationAreKeptAndShownAfterTheWelcome() throws Exception {
		String me = LineServer.uniqueName("early");
		try (IrcSocket client = this.irc.connect()) {
			client.send("CAP LS 302");
			assertThat(client.readLine()).contains("draft/metadata-3=before-connect,max-subs=");
			client.send("CAP REQ :" + CAPS).expect(":parley CAP * ACK :" + CAPS);
			client.send("METADATA * SET display-name :Early Bird");
			client.expect(":parley 761 * * display-name * :Early Bird");
			client.send("NICK " + me).send("USER m 0 * :M").send("CAP END");
			client.readWelcome();
			client.expect(":parley 761 " + me + " " + me + " display-name * :Early Bird");
		}
	}

	@Test
	void subscribersSharingAChannelLearnChangesAndValuesAtJoinButOthersNothing() throws Exception {
		String setter = LineServer.uniqueName("setter");
		String watcher = LineServer.uniqueName("subber");
		String channel = "#" + LineServer.uniqueName("meta");
		try (IrcSocket one = this.irc.guest(setter, "m", CAPS); IrcSocket two = this.irc.guest(watcher, "m", CAPS)) {
			two.send("METADATA * SUB display-name avatar");
			two.expect(":parley 770 " + watcher + " display-name avatar");
			one.send("METADATA * SET display-name :Before").readLine();
			two.expectNothing(QUIET); // no channel shared yet
			one.send("JOIN " + channel).readThrough("366");
			one.send("METADATA " + channel + " SET avatar :chan.png");
			one.expect(":parley 761 " + setter + " " + channel + " avatar * :chan.png");
			two.send("JOIN " + channel).readThrough("366");
			one.readLine(); // the JOIN
			two.expect(":parley 761 " + watcher + " " + channel + " avatar * :chan.png");
			two.expect(":parley 761 " + watcher + " " + setter + " display-name * :Before");
			one.send("METADATA * SET display-name :After").readLine();
			two.expect(":parley 761 " + watcher + " " + setter + " display-name * :After");
			one.send("METADATA * SET color :red").readLine();
			two.expectNothing(QUIET); // not subscribed to color
			two.send("METADATA * UNSUB display-name").expect(":parley 771 " + watcher + " display-name");
			two.send("METADATA * SUBS").expect(":parley 772 " + watcher + " avatar");
			one.send("METADATA * SET display-name").readLine();
			two.expectNothing(QUIET);
			two.send("WHOIS " + setter);
			assertThat(two.readThrough("318")).contains(":parley 760 " + watcher + " " + setter + " color * :red");
		}
	}

	@Test
	void onlyAChannelsOperatorsAndTheUserItselfMayChangeValues() throws Exception {
		String op = LineServer.uniqueName("chanop");
		String member = LineServer.uniqueName("member");
		String channel = "#" + LineServer.uniqueName("perm");
		try (IrcSocket one = this.irc.guest(op, "m", CAPS); IrcSocket two = this.irc.guest(member, "m", CAPS)) {
			one.send("JOIN " + channel).readThrough("366");
			two.send("JOIN " + channel).readThrough("366");
			one.readLine();
			two.send("METADATA " + channel + " SET display-name :Mine");
			two.expect(":parley FAIL METADATA KEY_NO_PERMISSION " + channel
					+ " display-name :You may not change this target's metadata");
			two.send("METADATA " + op + " SET display-name :Not You");
			two.expect(":parley FAIL METADATA KEY_NO_PERMISSION " + op
					+ " display-name :You may not change this target's metadata");
			two.send("METADATA " + op + " CLEAR");
			two.expect(":parley FAIL METADATA KEY_NO_PERMISSION " + op + " * :You may not change this target's metadata");
			one.send("METADATA " + channel + " SET display-name :Ours").readLine();
			two.send("METADATA " + channel + " GET display-name");
			two.expect(":parley 761 " + member + " " + channel + " display-name * :Ours");
			one.expectNothing(QUIET);
		}
	}

	@Test
	void badRequestsAreRefusedWithAClearReply() throws Exception {
		String me = LineServer.uniqueName("badmeta");
		try (IrcSocket client = this.irc.guest(me, "m", CAPS)) {
			client.send("METADATA nobody-" + me + " LIST");
			client.expect(":parley FAIL METADATA INVALID_TARGET nobody-" + me + " :Invalid target");
			client.send("METADATA #nochannel" + me.substring(0, 5) + " GET a");
			assertThat(client.readLine()).startsWith(":parley FAIL METADATA INVALID_TARGET #nochannel");
			client.send("METADATA * SET Bad!Key :x");
			client.expect(":parley FAIL METADATA KEY_INVALID Bad!Key :Invalid key");
			client.send("METADATA * GET -bad");
			client.expect(":parley FAIL METADATA KEY_INVALID -bad :Invalid key");
			client.send("METADATA * SET k :" + "x".repeat(IrcMetadata.MAX_VALUE_BYTES + 1));
			client.expect(":parley FAIL METADATA INVALID_VALUE k :Value longer than 300 bytes");
			client.send("METADATA * SET " + "k".repeat(IrcMetadata.MAX_KEY_LENGTH + 1) + " :x");
			assertThat(client.readLine()).startsWith(":parley FAIL METADATA KEY_INVALID kkk");
			for (int n = 0; n < IrcMetadata.MAX_KEYS; n++) {
				client.send("METADATA * SET key" + n + " :" + n).expectNumeric("761");
			}
			client.send("METADATA * SET onetoomany :x");
			client.expect(":parley FAIL METADATA LIMIT_REACHED " + me + " :At most 20 keys");
			client.send("METADATA * SET key0 :replaced").expectNumeric("761");
			client.send("METADATA * FROB");
			client.expect(":parley FAIL METADATA SUBCOMMAND_INVALID FROB :Unknown METADATA subcommand");
			client.send("METADATA *");
			client.expect(":parley 461 " + me + " METADATA :Not enough parameters");
			client.send("METADATA * SET");
			client.expect(":parley 461 " + me + " METADATA :Not enough parameters");
			client.send("METADATA * SUB");
			client.expect(":parley 461 " + me + " METADATA :Not enough parameters");
			client.send("METADATA * SUB ok Not!Ok");
			client.expect(":parley FAIL METADATA KEY_INVALID Not!Ok :Invalid key");
			client.expect(":parley 770 " + me + " ok");
			client.sendRaw("METADATA * SET k :bad \u00c3\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
			client.expect(":parley FAIL METADATA INVALID_UTF8 :Message rejected, your IRC software MUST use UTF-8 "
					+ "encoding on this network");
		}
	}

	@Test
	void subscriptionsAreBounded() throws Exception {
		String me = LineServer.uniqueName("subs");
		try (IrcSocket client = this.irc.guest(me, "m", CAPS)) {
			StringBuilder keys = new StringBuilder();
			for (int n = 0; n < 10; n++) {
				keys.append(" k").append(n);
			}
			for (int round = 0; round < IrcMetadata.MAX_SUBS / 10; round++) {
				client.send("METADATA * SUB" + keys.toString().replace(" k", " r" + round + "k")).expectNumeric("770");
			}
			client.send("METADATA * SUB extra");
			client.expect(":parley FAIL METADATA TOO_MANY_SUBS extra :At most 50 subscriptions");
		}
	}

}
