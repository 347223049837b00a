package io.parley.account;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

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
		this.jdbc.sql("MERGE INTO known_address (account_id, address, last_seen) KEY (account_id, address) "
				+ "VALUES (?, ?, CURRENT_TIMESTAMP)")
			.params(accountId, address)
			.update();
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
