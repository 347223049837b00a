package io.parley.account;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import io.parley.account.LoginThrottle.Attempt;
import io.parley.account.LoginThrottle.Refusal;
import io.parley.account.PasswordHashing.Lane;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.TextCleaner;

/**
 * Registration, login and password changes. Every hash runs on the hashing pool ({@link PasswordHashing}); the
 * calling connection thread waits for it, which keeps that client's lines in order without holding up anyone
 * else. A login reserves its failure with the {@link LoginThrottle} before it hashes.
 */
@Service
public class AccountService {

	/**
	 * The longest password any configuration may allow ({@code parley.accounts.password.max-length}); the
	 * admin API refuses longer ones before reading them further.
	 */
	public static final int PASSWORD_LIMIT = 4096;

	private final AccountProperties.Password passwordRule;

	private static final AccountResult.Failure BAD_CREDENTIALS = new AccountResult.Failure(
			ErrorCode.BAD_CREDENTIALS, "wrong name or password; try again or /register a new name");

	private static final AccountResult.Failure BUSY = new AccountResult.Failure(ErrorCode.SERVER_BUSY,
			"too many logins in progress; try again in a few seconds");

	private final AccountRepository repository;

	private final PasswordEncoder encoder;

	private final PasswordHashing hashing;

	private final LoginThrottle throttle;

	private final KnownAddresses knownAddresses;

	private final NameOwnership names;

	private final ReentrantLock adminChanges = new ReentrantLock();

	/** Compared against when the name is unknown, so a wrong name takes as long as a wrong password. */
	private final String decoyHash;

	AccountService(AccountRepository repository, PasswordEncoder passwordEncoder, PasswordHashing hashing,
			LoginThrottle throttle, KnownAddresses knownAddresses, NameOwnership names, AccountProperties properties) {
		this.repository = repository;
		this.passwordRule = properties.password();
		this.throttle = throttle;
		this.encoder = passwordEncoder;
		this.hashing = hashing;
		this.knownAddresses = knownAddresses;
		this.names = names;
		this.decoyHash = passwordEncoder.encode("decoy-password-never-used");
	}

	/**
	 * Creates an account and counts it as a login from {@code address}, which becomes known to it.
	 * {@code heldElsewhere}: whether someone else (a guest online) holds the name, asked under the name's lock.
	 */
	public AccountResult register(String name, String password, String address, Predicate<String> heldElsewhere) {
		AccountResult result = create(name, password, Role.USER, heldElsewhere);
		if (result instanceof AccountResult.Success success) {
			this.knownAddresses.remember(success.account().id(), address);
		}
		return result;
	}

	/** Creates an account where nobody else can hold a name (the first admin, before the listeners open). */
	public AccountResult create(String name, String password, Role role) {
		return create(name, password, role, n -> false);
	}

	/** Creates an account unless the name is registered, or {@code heldElsewhere} says another holds it. */
	public AccountResult create(String name, String password, Role role, Predicate<String> heldElsewhere) {
		if (!UserNames.isValid(name)) {
			return new AccountResult.Failure(ErrorCode.BAD_NAME,
					"a name is 2-32 letters, digits, _ or -, starting with a letter");
		}
		AccountResult.Failure weak = checkStrength(password);
		if (weak != null) {
			return weak;
		}
		Optional<AccountResult.Failure> taken = taken(name, heldElsewhere);
		if (taken.isPresent()) {
			return taken.get();
		}
		return this.hashing.run(Lane.OTHER, () -> this.encoder.encode(password))
			.map(hash -> this.names.decide(name, () -> taken(name, heldElsewhere).<AccountResult>map(f -> f)
				.orElseGet(() -> insert(name, hash, role))))
			.orElse(BUSY);
	}

	private AccountResult insert(String name, String hash, Role role) {
		try {
			this.repository.insert(name, hash, role);
		}
		catch (DuplicateKeyException ex) {
			return nameTaken(name);
		}
		return found(name);
	}

	private Optional<AccountResult.Failure> taken(String name, Predicate<String> heldElsewhere) {
		if (this.repository.exists(name)) {
			return Optional.of(nameTaken(name));
		}
		if (heldElsewhere.test(name)) {
			return Optional.of(new AccountResult.Failure(ErrorCode.NAME_TAKEN, name + " is in use; pick another name"));
		}
		return Optional.empty();
	}

	/**
	 * Runs {@code action} (a guest taking the name) unless an account has the name, else {@code ifRegistered};
	 * decided under the name's lock.
	 */
	public <T> T unlessRegistered(String name, Supplier<T> action, Supplier<T> ifRegistered) {
		return this.names.decide(name, () -> exists(name) ? ifRegistered.get() : action.get());
	}

	/**
	 * Checks a login from {@code address}. Refused without a hash while a budget of the {@link LoginThrottle} is
	 * spent; a login from an address the account knows is spared the budgets of strangers, and hashes first.
	 */
	public AccountResult login(String name, String password, String address) {
		Optional<Account> found = find(name);
		boolean known = found.isPresent() && this.knownAddresses.isKnown(found.get().id(), address);
		String counted = found.map(Account::name).orElse(UserNames.isValid(name) ? name : null);
		LoginThrottle.Admission admission = this.throttle.reserve(address, counted, known);
		if (admission instanceof Refusal refusal) {
			return new AccountResult.Failure(ErrorCode.RATE_LIMITED, refusal.text());
		}
		Attempt attempt = (Attempt) admission;
		AccountResult result;
		try {
			result = checkPassword(found, password, known ? Lane.KNOWN : Lane.OTHER);
		}
		catch (RuntimeException | Error ex) {
			attempt.abandoned();
			throw ex;
		}
		if (result instanceof AccountResult.Success success) {
			attempt.succeeded();
			this.knownAddresses.remember(success.account().id(), address);
		}
		else if (result == BAD_CREDENTIALS) {
			attempt.failed();
		}
		else {
			attempt.abandoned();
		}
		return result;
	}

	private AccountResult checkPassword(Optional<Account> found, String password, Lane lane) {
		String hash = found.map(Account::passwordHash).orElse(this.decoyHash);
		Optional<Boolean> matches = this.hashing.run(lane, () -> this.encoder.matches(password, hash));
		if (matches.isEmpty()) {
			return BUSY;
		}
		if (found.isEmpty() || !matches.get()) {
			return BAD_CREDENTIALS;
		}
		Account account = found.get();
		if (account.banned()) {
			return new AccountResult.Failure(ErrorCode.BANNED, "this account is banned; ask an operator");
		}
		return new AccountResult.Success(account);
	}

	public AccountResult changePassword(String name, String oldPassword, String newPassword, String address) {
		AccountResult checked = login(name, oldPassword, address);
		if (!(checked instanceof AccountResult.Success)) {
			return checked instanceof AccountResult.Failure failure && failure.code() == ErrorCode.BAD_CREDENTIALS
					? new AccountResult.Failure(ErrorCode.BAD_CREDENTIALS, "the old password is wrong; try again")
					: checked;
		}
		return resetPassword(name, newPassword);
	}

	/** Sets a new password without asking for the old one (an operator's reset). */
	public AccountResult resetPassword(String name, String newPassword) {
		AccountResult.Failure weak = checkStrength(newPassword);
		if (weak != null) {
			return weak;
		}
		if (!exists(name)) {
			return noSuchUser(name);
		}
		return this.hashing.run(Lane.OTHER, () -> this.encoder.encode(newPassword)).<AccountResult>map(hash -> {
			this.repository.updatePasswordHash(name, hash);
			return found(name);
		}).orElse(BUSY);
	}

	public Optional<Account> find(String name) {
		return UserNames.isValid(name) ? this.repository.findByName(name) : Optional.empty();
	}

	/** Accounts in name order, {@code size} a page. */
	public AccountPage list(int page, int size) {
		// a long offset: page and size are ints a client chose, and their product may not fit one
		return new AccountPage(this.repository.page((long) page * size, size), this.repository.count());
	}

	public record AccountPage(List<Account> accounts, long total) {
	}

	/** Admins that are not banned: those who can use the admin API. */
	public long activeAdminCount() {
		return this.repository.countActive(Role.ADMIN);
	}

	public AccountResult changeRole(String name, Role role) {
		return withAccount(name, account -> {
			if (account.role() == Role.ADMIN && role != Role.ADMIN && isLastAdmin(account)) {
				return lastAdmin("demoted");
			}
			this.repository.updateRole(name, role);
			return found(name);
		});
	}

	public AccountResult setBanned(String name, boolean banned) {
		return withAccount(name, account -> {
			if (banned && isLastAdmin(account)) {
				return lastAdmin("banned");
			}
			this.repository.updateBanned(name, banned);
			return found(name);
		});
	}

	public AccountResult delete(String name) {
		return withAccount(name, account -> {
			if (isLastAdmin(account)) {
				return lastAdmin("deleted");
			}
			this.repository.delete(name);
			return new AccountResult.Success(account);
		});
	}

	/** Runs a change that may take away an admin, one at a time, so two of them cannot both pass the guard. */
	private AccountResult withAccount(String name, Function<Account, AccountResult> action) {
		this.adminChanges.lock();
		try {
			return find(name).map(action).orElseGet(() -> noSuchUser(name));
		}
		finally {
			this.adminChanges.unlock();
		}
	}

	private boolean isLastAdmin(Account account) {
		return account.role() == Role.ADMIN && !account.banned() && this.repository.countActive(Role.ADMIN) <= 1;
	}

	private static AccountResult.Failure lastAdmin(String what) {
		return new AccountResult.Failure(ErrorCode.FORBIDDEN,
				"the last admin cannot be " + what + "; make another admin first");
	}

	private AccountResult found(String name) {
		return this.repository.findByName(name).<AccountResult>map(AccountResult.Success::new)
			.orElseGet(() -> noSuchUser(name));
	}

	private static AccountResult.Failure noSuchUser(String name) {
		return new AccountResult.Failure(ErrorCode.NO_SUCH_USER, "there is no user " + TextCleaner.excerpt(name));
	}

	public boolean exists(String name) {
		return UserNames.isValid(name) && this.repository.exists(name);
	}

	private AccountResult.Failure checkStrength(String password) {
		int min = this.passwordRule.minLength();
		int max = this.passwordRule.maxLength();
		if (password.length() < min || password.length() > max
				|| password.codePoints().anyMatch(Character::isWhitespace)) {
			return new AccountResult.Failure(ErrorCode.WEAK_PASSWORD,
					"a password is " + min + "-" + max + " characters without spaces");
		}
		return null;
	}

	/** Names the account a look-alike was taken by, so the refusal of {@code aIice} is not a riddle. */
	private AccountResult.Failure nameTaken(String name) {
		String owner = this.repository.findByName(name).map(Account::name).orElse(name);
		return new AccountResult.Failure(ErrorCode.NAME_TAKEN, owner.equalsIgnoreCase(name)
				? name + " is taken; pick another name" : name + " looks like " + owner + ", which is taken; pick another name");
	}

}
