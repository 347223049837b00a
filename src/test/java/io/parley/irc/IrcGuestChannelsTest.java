package io.parley.irc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * Channels made by guests (what irctest's clients are): the maker is its operator, as on every IRC server; the
 * channel is not stored, and its roles last while their holders are in it.
 */
@ParleyTest(properties = "parley.accounts.guests=true")
class IrcGuestChannelsTest {

	@Autowired
	IrcGateway irc;

	@Autowired
	AdminHttp http;

	@Test
	void aGuestsChannelHasItsMakerAsOperatorAndIsNotStored() throws Exception {
		String chan = LineServer.uniqueName("guestchan").toLowerCase();
		String a = LineServer.uniqueName("ga");
		String b = LineServer.uniqueName("gb");
		try (IrcSocket first = this.irc.connect(); IrcSocket second = this.irc.connect()) {
			first.send("NICK " + a).send("USER u 0 * :u");
			first.readWelcome();
			second.send("NICK " + b).send("USER u 0 * :u");
			second.readWelcome();
			first.send("JOIN #" + chan).expect(":" + a + "!u@parley JOIN #" + chan);
			first.expect(":parley 353 " + a + " = #" + chan + " :@" + a);
			first.expect(":parley 366 " + a + " #" + chan + " :End of /NAMES list");
			second.send("JOIN #" + chan).expect(":" + b + "!u@parley JOIN #" + chan);
			second.expect(":parley 353 " + b + " = #" + chan + " :@" + a + " " + b);
			second.readThrough("366");
			first.expect(":" + b + "!u@parley JOIN #" + chan);

			first.send("MODE #" + chan + " +o " + b).expect(":" + a + "!u@parley MODE #" + chan + " +o " + b);
			second.expect(":" + a + "!u@parley MODE #" + chan + " +o " + b);
			second.send("MODE #" + chan + " +q " + b).expect(":parley 482 " + b + " #" + chan
					+ " :You're not the channel owner");

			AdminHttp.Response detail = this.http.admin().get("/api/admin/rooms/" + chan);
			assertThat(detail.json().path("stored").asBoolean()).isFalse();
			assertThat(detail.json().path("owner").isNull()).isTrue();
			assertThat(this.http.admin().get("/api/admin/rooms?stored=true&limit=500").body()).doesNotContain(chan);

			// a role in an unstored channel goes with its holder
			second.send("PART #" + chan).expect(":" + b + "!u@parley PART #" + chan);
			second.send("JOIN #" + chan).expect(":" + b + "!u@parley JOIN #" + chan);
			second.expect(":parley 353 " + b + " = #" + chan + " :@" + a + " " + b);
			second.readThrough("366");
			first.expect(":" + b + "!u@parley PART #" + chan);
			first.expect(":" + b + "!u@parley JOIN #" + chan);

			// with guests on, a ban may name anyone a guest may come as; a role needs someone online
			first.send("MODE #" + chan + " +b nobody-yet!*@*")
				.expect(":" + a + "!u@parley MODE #" + chan + " +b nobody-yet!*@*");
			first.send("MODE #" + chan + " +o nobody-at-all").expect(":parley 401 " + a
					+ " nobody-at-all :No such nick/channel");
		}
	}

}
