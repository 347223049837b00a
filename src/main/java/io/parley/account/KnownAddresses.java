package io.parley.account;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.parley.limits.AddressBlock;

/**
 * The addresses each account logged in or registered from within {@code parley.limits.login.known-address-for},
 * kept in the database so that a restart does not forget them: guesses at a name from elsewhere never refuse its
 * owner at one of these. A login from a known address also goes ahead of strangers' on the hashing pool.
 */
@Component
public class KnownAddresses {

	/** HTTP Basic logs in on every request: the row is written again only this long after it last was. */
	private static final Duration REFRESH_AFTER = Duration.ofHours(1);

	private final JdbcClient jdbc;

	private final Duration knownFor;

	/** {@code accountId|address} of rows written of late, so that a busy admin script does not write each call. */
	private final Cache<String, Boolean> recentlyWritten = Caffeine.newBuilder()
		.expireAfterWrite(REFRESH_AFTER)
		.maximumSize(100_000)
		.build();

	KnownAddresses(JdbcClient jdbc, LoginLimitProperties properties) {
		this.jdbc = jdbc;
		this.knownFor = properties.knownAddressFor();
	}

	/** An IPv6 address counts as its /64 ({@link AddressBlock}), as in the login budgets: privacy addresses rotate. */
	public boolean isKnown(long accountId, String clientAddress) {
		String address = AddressBlock.of(clientAddress);
		if (this.recentlyWritten.getIfPresent(key(accountId, address)) != null) {
			return true;
		}
		return this.jdbc.sql("SELECT COUNT(*) FROM known_address WHERE account_id = ? AND address = ? AND last_seen > ?")
			.params(accountId, address, cutoff())
			.query(Long.class)
			.single() > 0;
	}

	/** Records a login (or a registration) of the account from the address; also forgets its stale ones. */
	public void remember(long accountId, String clientAddress) {
		String address = AddressBlock.of(clientAddress);
		String key = key(accountId, address);
		if (this.recentlyWritten.getIfPresent(key) != null) {
			return;
		}
		// an update, else an insert: portable SQL (H2's MERGE ... KEY is not PostgreSQL's, issue 22); two logins
		// of one account from one address racing to insert leave one row, the loser's duplicate ignored
		int updated = this.jdbc.sql("UPDATE known_address SET last_seen = CURRENT_TIMESTAMP WHERE account_id = ? AND address = ?")
			.params(accountId, address)
			.update();
		if (updated == 0) {
			try {
				this.jdbc.sql("INSERT INTO known_address (account_id, address, last_seen) VALUES (?, ?, CURRENT_TIMESTAMP)")
					.params(accountId, address)
					.update();
			}
			catch (DuplicateKeyException ex) {
				// inserted by the other login meanwhile: the row is there, which is all this wants
			}
		}
		this.jdbc.sql("DELETE FROM known_address WHERE account_id = ? AND last_seen <= ?")
			.params(accountId, cutoff())
			.update();
		this.recentlyWritten.put(key, Boolean.TRUE);
	}

	private OffsetDateTime cutoff() {
		return OffsetDateTime.now(ZoneOffset.UTC).minus(this.knownFor);
	}

	private static String key(long accountId, String address) {
		return accountId + "|" + address;
	}

}
