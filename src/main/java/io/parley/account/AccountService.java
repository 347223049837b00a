package io.parley.account;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.springframework.core.task.TaskRejectedException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;

import io.parley.protocol.ErrorCode;

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

	private final BCryptPasswordEncoder encoder;

	private final ThreadPoolTaskExecutor hashExecutor;

	/** Compared against when the name is unknown, so a wrong name takes as long as a wrong password. */
	private final String decoyHash;

	public AccountService(AccountRepository repository, BCryptPasswordEncoder passwordEncoder,
			ThreadPoolTaskExecutor passwordHashExecutor) {
		this.repository = repository;
		this.encoder = passwordEncoder;
		this.hashExecutor = passwordHashExecutor;
		this.decoyHash = passwordEncoder.encode("decoy-password-never-used");
	}

	public AccountResult register(String name, String password) {
		if (!UserNames.isValid(name)) {
			return new AccountResult.Failure(ErrorCode.BAD_NAME,
					"a name is 2-32 letters, digits, _ or -, starting with a letter");
		}
		AccountResult.Failure weak = checkPassword(password);
		if (weak != null) {
			return weak;
		}
		if (this.repository.exists(name)) {
			return nameTaken(name);
		}
		return hashing(() -> this.encoder.encode(password)).map(hash -> {
			try {
				this.repository.insert(name, hash, Role.USER);
			}
			catch (DuplicateKeyException ex) {
				return nameTaken(name);
			}
			return this.repository.findByName(name).<AccountResult>map(AccountResult.Success::new)
				.orElseGet(() -> nameTaken(name));
		}).orElse(BUSY);
	}

	public AccountResult login(String name, String password) {
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

	public AccountResult changePassword(String name, String oldPassword, String newPassword) {
		AccountResult checked = login(name, oldPassword);
		if (!(checked instanceof AccountResult.Success)) {
			return checked instanceof AccountResult.Failure failure && failure.code() == ErrorCode.BAD_CREDENTIALS
					? new AccountResult.Failure(ErrorCode.BAD_CREDENTIALS, "the old password is wrong; try again")
					: checked;
		}
		AccountResult.Failure weak = checkPassword(newPassword);
		if (weak != null) {
			return weak;
		}
		return hashing(() -> this.encoder.encode(newPassword)).<AccountResult>map(hash -> {
			this.repository.updatePasswordHash(name, hash);
			return checked;
		}).orElse(BUSY);
	}

	public boolean exists(String name) {
		return UserNames.isValid(name) && this.repository.exists(name);
	}

	private static AccountResult.Failure checkPassword(String password) {
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
