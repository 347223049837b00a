package io.parley.files;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

/**
 * Short-lived upload tokens: a chat session that is logged in to an account asks for one ({@code /filetoken},
 * IRC {@code FILETOKEN}) and a web page sends it as {@code Authorization: Bearer <token>}, so the page never holds
 * the password. A token is 256 random bits, good for {@code parley.files.token-lifetime} from its issue, for any
 * number of uploads (and downloads, with account-only links) by that account. Kept in this node's memory: a
 * restart forgets them (the page asks again), and a cluster (issue 22) must share them or pin a client to a node.
 */
@Component
public class FileTokens {

	/** How many tokens may be alive at once, so a client asking in a loop cannot fill the heap. */
	static final int MAX_LIVE = 100_000;

	private final SecureRandom random = new SecureRandom();

	private final Cache<String, String> accounts;

	private final Duration lifetime;

	FileTokens(FileProperties properties) {
		this.lifetime = properties.tokenLifetime();
		this.accounts = Caffeine.newBuilder().expireAfterWrite(this.lifetime).maximumSize(MAX_LIVE).build();
	}

	/** A new token for {@code account} (its name as registered). */
	String issue(String account) {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.accounts.put(token, account);
		return token;
	}

	/** The account a token was issued to, while it is good. */
	Optional<String> accountOf(String token) {
		return Optional.ofNullable(this.accounts.getIfPresent(token));
	}

	Duration lifetime() {
		return this.lifetime;
	}

}
