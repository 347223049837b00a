package io.parley.account;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.core.task.TaskRejectedException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import io.parley.protocol.ErrorCode;
import io.parley.protocol.TextCleaner;
import io.parley.session.SendQueue;

/**
 * Registration, login and password changes. Every hash runs on the hashing pool; the calling connection
 * thread waits for it, which keeps that client's lines in order without holding up anyone else.
 */
@Service
public class AccountService {

	public static final int MIN_PASSWORD = 8;

	public static final int MAX_PASSWORD = 128;

	private static final AccountResult.Failure BAD_CREDENTIALS = new AccountResult.Failure(
			ErrorCode.BAD_CREDENTIALS, "wrong name or password; try again or /register a new name");

	private static final AccountResult.Failure BUSY = new AccountResult.Failure(ErrorCode.SERVER_BUSY,
			"too many logins in progress; try again in a few seconds");

	private final AccountRepository repository;

	private final PasswordEncoder encoder;

	private final ThreadPoolTaskExecutor hashExecutor;

	private final LoginThrottle throttle;

	private final ReentrantLock adminChanges = new ReentrantLock();

	/** Compared against when the name is unknown, so a wrong name takes as long as a wrong password. */
	private final String decoyHash;

	public AccountService(AccountRepository repository, PasswordEncoder passwordEncoder,
			ThreadPoolTaskExecutor passwordHashExecutor, LoginThrottle throttle) {
		this.repository = repository;
		this.throttle = throttle;
		this.encoder = passwordEncoder;
		this.hashExecutor = passwordHashExecutor;
		this.decoyHash = passwordEncoder.encode("decoy-password-never-used");
	}

	public AccountResult register(String name, String password) {
		return create(name, password, Role.USER);
	}

	public AccountResult create(String name, String password, Role role) {
		if (!UserNames.isValid(name)) {
			return new AccountResult.Failure(ErrorCode.BAD_NAME,
					"a name is 2-32 letters, digits, _ or -, starting with a letter");
		}
		AccountResult.Failure weak = checkStrength(password);
		if (weak != null) {
			return weak;
		}
		if (this.repository.exists(name)) {
			return nameTaken(name);
		}
		return hashing(() -> this.encoder.encode(password)).map(hash -> {
			try {
				this.repository.insert(name, hash, role);
			}
			catch (DuplicateKeyException ex) {
				return nameTaken(name);
			}
			return found(name);
		}).orElse(BUSY);
	}

	/**
	 * Checks a login from {@code address}: refused outright while the address or the account is locked out
	 * after repeated failures, and every wrong password counts towards that.
	 */
	public AccountResult login(String name, String password, String address) {
		if (this.throttle.isLocked(address, name)) {
			return new AccountResult.Failure(ErrorCode.RATE_LIMITED,
					"too many failed logins; wait a few minutes before you try again");
		}
		AccountResult result = checkPassword(name, password);
		if (result instanceof AccountResult.Failure failure && failure.code() == ErrorCode.BAD_CREDENTIALS) {
			this.throttle.failed(address, name);
		}
		else if (result instanceof AccountResult.Success) {
			this.throttle.succeeded(address, name);
		}
		return result;
	}

	private AccountResult checkPassword(String name, String password) {
		Optional<Account> found = UserNames.isValid(name) ? this.repository.findByName(name) : Optional.empty();
		String hash = found.map(Account::passwordHash).orElse(this.decoyHash);
		Optional<Boolean> matches = hashing(() -> this.encoder.matches(password, hash));
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
		return hashing(() -> this.encoder.encode(newPassword)).<AccountResult>map(hash -> {
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

	private static AccountResult.Failure checkStrength(String password) {
		if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD
				|| password.codePoints().anyMatch(Character::isWhitespace)) {
			return new AccountResult.Failure(ErrorCode.WEAK_PASSWORD,
					"a password is " + MIN_PASSWORD + "-" + MAX_PASSWORD + " characters without spaces");
		}
		return null;
	}

	private static AccountResult.Failure nameTaken(String name) {
		return new AccountResult.Failure(ErrorCode.NAME_TAKEN, name + " is taken; pick another name");
	}

	/** Runs a hash on the hashing pool and waits for it; empty when the pool's queue is full. */
	private <T> Optional<T> hashing(Supplier<T> work) {
		try {
			// a connection's reader may be calling: start the writers it held back before it waits
			SendQueue.releaseHeldDrains();
			return Optional.of(CompletableFuture.supplyAsync(work, this.hashExecutor).join());
		}
		catch (TaskRejectedException ex) {
			return Optional.empty();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

}
