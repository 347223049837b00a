package io.parley.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import io.parley.limits.AddressBlock;
import io.parley.system.LogText;

/**
 * The budgets of failed logins ({@link LoginLimitProperties}), each failure reserved before the password is
 * hashed:
 * <ul>
 * <li>an account's, for addresses it does not know: guessing at a name from elsewhere is refused after
 * {@code max-failures};</li>
 * <li>an account's at each address it knows, apart: only guesses from that very address can refuse its owner
 * there;</li>
 * <li>an address's, larger and slower ({@code address-max-failures} over {@code address-lockout}), for accounts
 * that do not know it: many names guessed from one host; behind one NAT a whole office shares it, so it never
 * refuses an account at an address it knows;</li>
 * <li>checks in flight per address for accounts that do not know it ({@code max-checks-per-address}).</li>
 * </ul>
 * A reservation is a failure until the hash says otherwise, so guesses sent at once are counted as they
 * arrive, and the one past the budget is refused without costing a hash. One lock guards the counts: taking
 * it costs microseconds, next to the milliseconds of a hash. Caffeine forgets quiet counts on its own and
 * bounds what a flood of addresses can take. (Over 300 lines: the budgets are checked, reserved and settled
 * together under that lock, and split apart they would share it across classes.)
 */
@Component
public class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	private static final int MAX_TRACKED_KEYS = 100_000;

	private static final String ACCOUNT = "account:";

	private static final String PAIR = "pair:";

	private final LoginLimitProperties limits;

	/** Accounts' counts ({@code account:<key>}) and counts of accounts at known addresses ({@code pair:<key>|<address>}). */
	private final Cache<String, Count> accounts;

	private final Cache<String, Count> addresses;

	/** Checks waiting or running per address for accounts that do not know it; no entry when none. */
	private final Map<String, Integer> checksInFlight = new HashMap<>();

	private final Object lock = new Object();

	public LoginThrottle(LoginLimitProperties limits) {
		this.limits = limits;
		this.accounts = counts(limits.lockout());
		this.addresses = counts(limits.addressLockout());
	}

	/** Counts that live {@code window} after their last change; reads do not keep them alive. */
	private static Cache<String, Count> counts(Duration window) {
		return Caffeine.newBuilder().maximumSize(MAX_TRACKED_KEYS).expireAfter(new Expiry<String, Count>() {
			@Override
			public long expireAfterCreate(String key, Count value, long currentTime) {
				return window.toNanos();
			}

			@Override
			public long expireAfterUpdate(String key, Count value, long currentTime, long currentDuration) {
				return window.toNanos();
			}

			@Override
			public long expireAfterRead(String key, Count value, long currentTime, long currentDuration) {
				return currentDuration;
			}
		}).build();
	}

	/**
	 * Reserves a failure for a login of {@code name} (null for a name that cannot exist: only the address counts)
	 * from {@code address}, or says why it is refused. {@code known}: the account exists and knows the address.
	 */
	public Admission reserve(String clientAddress, String name, boolean known) {
		// an IPv6 host may use any address of its /64: every address budget counts the block
		String address = AddressBlock.of(clientAddress);
		String nameKey = (name != null) ? UserNames.key(name) : null;
		synchronized (this.lock) {
			if (known) {
				String pair = pairKey(nameKey, address);
				if (load(this.accounts, pair) >= this.limits.maxFailures()) {
					return Refusal.ACCOUNT;
				}
				add(this.accounts, pair, name, 0, 1);
				return new Attempt(address, name, nameKey, true);
			}
			if (load(this.addresses, address) >= this.limits.addressMaxFailures()) {
				return Refusal.ADDRESS;
			}
			if (nameKey != null && load(this.accounts, ACCOUNT + nameKey) >= this.limits.maxFailures()) {
				return Refusal.ACCOUNT;
			}
			if (this.checksInFlight.getOrDefault(address, 0) >= this.limits.maxChecksPerAddress()) {
				return Refusal.IN_FLIGHT;
			}
			this.checksInFlight.merge(address, 1, Integer::sum);
			add(this.addresses, address, address, 0, 1);
			if (nameKey != null) {
				add(this.accounts, ACCOUNT + nameKey, name, 0, 1);
			}
			return new Attempt(address, name, nameKey, false);
		}
	}

	/** Failures and lockouts counted now, most failures first, at most {@code max} of each kind. */
	public LockoutList list(int max) {
		Instant now = Instant.now();
		List<Lockout> accountList = this.accounts.asMap()
			.entrySet()
			.stream()
			.filter(e -> e.getKey().startsWith(ACCOUNT) && e.getValue().failures > 0)
			.map(e -> lockout(e.getValue().label, e.getValue(), this.limits.maxFailures(),
					this.limits.lockout(), now))
			.sorted(Comparator.comparingInt(Lockout::failures).reversed())
			.limit(max)
			.toList();
		List<Lockout> addressList = this.addresses.asMap()
			.entrySet()
			.stream()
			.filter(e -> e.getValue().failures > 0)
			.map(e -> lockout(e.getValue().label, e.getValue(), this.limits.addressMaxFailures(), this.limits.addressLockout(),
					now))
			.sorted(Comparator.comparingInt(Lockout::failures).reversed())
			.limit(max)
			.toList();
		return new LockoutList(accountList, addressList);
	}

	private static Lockout lockout(String key, Count count, int max, Duration window, Instant now) {
		Instant until = count.lastFailure.plus(window);
		boolean locked = count.failures + count.reserved >= max && until.isAfter(now);
		return new Lockout(key, count.failures, count.reserved, locked, locked ? until : null);
	}

	/** Forgets an account's failures, from anywhere (its known addresses' included); true when there were any. */
	public boolean resetAccount(String name) {
		String key = UserNames.key(name);
		synchronized (this.lock) {
			boolean had = this.accounts.asMap().remove(ACCOUNT + key) != null;
			return this.accounts.asMap().keySet().removeIf(k -> k.startsWith(PAIR + key + "|")) || had;
		}
	}

	/** Forgets an address's failures, and those of accounts at it; true when there were any. */
	public boolean resetAddress(String clientAddress) {
		String address = AddressBlock.of(clientAddress);
		synchronized (this.lock) {
			boolean had = this.addresses.asMap().remove(address) != null;
			return this.accounts.asMap().keySet().removeIf(k -> k.startsWith(PAIR) && k.endsWith("|" + address)) || had;
		}
	}

	private static int load(Cache<String, Count> counts, String key) {
		Count count = counts.getIfPresent(key);
		return (count != null) ? count.failures + count.reserved : 0;
	}

	/**
	 * Changes a count (a write, so its window starts again); returns the failures after it. {@code label}: the
	 * account's name or the address, as the admin API shows it.
	 */
	private static int add(Cache<String, Count> counts, String key, String label, int failures, int reserved) {
		Count count = counts.asMap().compute(key, (k, old) -> {
			Count c = (old != null) ? old : new Count(label);
			c.failures += failures;
			c.reserved = Math.max(0, c.reserved + reserved);
			if (failures > 0) {
				c.lastFailure = Instant.now();
			}
			return c;
		});
		return count.failures;
	}

	private static String pairKey(String nameKey, String address) {
		return PAIR + nameKey + "|" + address;
	}

	/** Failures settled and reserved under one key; changed only under the throttle's lock. */
	private static final class Count {

		final String label;

		int failures;

		int reserved;

		Instant lastFailure = Instant.now();

		Count(String label) {
			this.label = label;
		}

	}

	/** What {@link #reserve} came to: an attempt that may hash, or a refusal. */
	public sealed interface Admission permits Attempt, Refusal {
	}

	/** Why a login is refused before its password is checked; {@code text} is for the client. */
	public enum Refusal implements Admission {

		ACCOUNT("too many failed logins for this account; wait a few minutes before you try again"),
		ADDRESS("too many failed logins from your address; wait before you try again"),
		IN_FLIGHT("too many logins at once from your address; wait for them to finish");

		private final String text;

		Refusal(String text) {
			this.text = text;
		}

		public String text() {
			return this.text;
		}

	}

	/** A reserved failure; settle it exactly once. */
	public final class Attempt implements Admission {

		private final String address;

		private final String name;

		private final String nameKey;

		private final boolean known;

		private Attempt(String address, String name, String nameKey, boolean known) {
			this.address = address;
			this.name = name;
			this.nameKey = nameKey;
			this.known = known;
		}

		/** The address the account knows: it goes ahead of strangers for a hash. */
		public boolean known() {
			return this.known;
		}

		/**
		 * A good password: gives the reservation back and clears the count it was checked against. The owner
		 * logging in at home leaves the lockout of strangers standing: else each of its logins would give the
		 * guessers elsewhere a fresh budget.
		 */
		public void succeeded() {
			synchronized (LoginThrottle.this.lock) {
				release();
				LoginThrottle.this.accounts
					.invalidate(this.known ? pairKey(this.nameKey, this.address) : ACCOUNT + this.nameKey);
			}
		}

		/** A wrong password: the reservation becomes a failure, and the lockout's window starts again. */
		public void failed() {
			int forAddress;
			int forAccount = 0;
			synchronized (LoginThrottle.this.lock) {
				if (this.known) {
					add(LoginThrottle.this.accounts, pairKey(this.nameKey, this.address), this.name, 1, -1);
					forAccount = add(LoginThrottle.this.accounts, ACCOUNT + this.nameKey, this.name, 1, 0);
					forAddress = add(LoginThrottle.this.addresses, this.address, this.address, 1, 0);
				}
				else {
					release();
					forAddress = add(LoginThrottle.this.addresses, this.address, this.address, 1, 0);
					if (this.nameKey != null) {
						forAccount = add(LoginThrottle.this.accounts, ACCOUNT + this.nameKey, this.name, 1, 0);
					}
				}
			}
			// the start of a lockout is logged, not each guess before it: that is what an operator (or fail2ban)
			// watching the log acts on
			if (forAddress == LoginThrottle.this.limits.addressMaxFailures()) {
				log.info("lockout of address {} after {} failed logins", this.address, forAddress);
			}
			if (forAccount == LoginThrottle.this.limits.maxFailures()) {
				log.info("lockout of account {} after {} failed logins, the last from {}", LogText.escape(this.name), forAccount,
						this.address);
			}
		}

		/** Neither right nor wrong (the pool was full, the database failed): the reservation is given back. */
		public void abandoned() {
			synchronized (LoginThrottle.this.lock) {
				release();
			}
		}

		private void release() {
			if (this.known) {
				add(LoginThrottle.this.accounts, pairKey(this.nameKey, this.address), this.name, 0, -1);
				return;
			}
			LoginThrottle.this.checksInFlight.computeIfPresent(this.address, (a, n) -> (n > 1) ? n - 1 : null);
			add(LoginThrottle.this.addresses, this.address, this.address, 0, -1);
			if (this.nameKey != null) {
				add(LoginThrottle.this.accounts, ACCOUNT + this.nameKey, this.name, 0, -1);
			}
		}

	}

	/** One account's or address's failures: {@code lockedUntil} is null while it is not locked. */
	public record Lockout(String key, int failures, int inFlight, boolean locked, Instant lockedUntil) {
	}

	public record LockoutList(List<Lockout> accounts, List<Lockout> addresses) {
	}

}
