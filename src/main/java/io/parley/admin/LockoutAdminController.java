package io.parley.admin;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.parley.account.Account;
import io.parley.account.AccountService;
import io.parley.account.LoginThrottle;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.TextCleaner;
import io.parley.system.LogText;

/**
 * {@code /api/admin/lockouts}: the failed-login budgets in use (accounts and addresses with failures counted
 * now, locked or not), and their reset: for the user locked out by a colleague's typos behind the same NAT.
 */
@RestController
@RequestMapping("/api/admin/lockouts")
class LockoutAdminController {

	/** Each list is cut to the accounts or addresses with the most failures: an attack can count thousands. */
	static final int MAX_LISTED = 200;

	private static final Logger log = LoggerFactory.getLogger(LockoutAdminController.class);

	private final LoginThrottle throttle;

	private final AccountService accounts;

	LockoutAdminController(LoginThrottle throttle, AccountService accounts) {
		this.throttle = throttle;
		this.accounts = accounts;
	}

	@GetMapping
	LockoutsView list() {
		LoginThrottle.LockoutList list = this.throttle.list(MAX_LISTED);
		return new LockoutsView(list.accounts().stream().map(LockoutView::of).toList(),
				list.addresses().stream().map(LockoutView::of).toList());
	}

	/** Forgets an account's failures (from every address); 404 for a name that is no account. */
	@DeleteMapping("/accounts/{name}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void resetAccount(@PathVariable String name, Principal admin) {
		Account account = this.accounts.find(name)
			.orElseThrow(() -> AdminProblems.of(HttpStatus.NOT_FOUND, ErrorCode.NO_SUCH_USER,
					"there is no user " + TextCleaner.excerpt(name)));
		boolean had = this.throttle.resetAccount(account.name());
		log.info("admin {} reset the login failures of account {}{}", admin.getName(), account.name(),
				had ? "" : " (there were none)");
	}

	/** Forgets an address's failures; 204 whether or not it had any (an address is no resource of ours). */
	@DeleteMapping("/addresses/{address}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void resetAddress(@PathVariable String address, Principal admin) {
		boolean had = this.throttle.resetAddress(address);
		log.info("admin {} reset the login failures of address {}{}", admin.getName(), LogText.escape(address),
				had ? "" : " (there were none)");
	}

	/**
	 * One account or address: {@code name} is the account's name or the address; {@code inFlight} counts
	 * checks reserved and not yet done; {@code lockedUntil} is null while it is not locked.
	 */
	record LockoutView(String name, int failures, int inFlight, boolean locked, Instant lockedUntil) {

		static LockoutView of(LoginThrottle.Lockout lockout) {
			return new LockoutView(lockout.key(), lockout.failures(), lockout.inFlight(), lockout.locked(),
					lockout.lockedUntil());
		}

	}

	record LockoutsView(List<LockoutView> accounts, List<LockoutView> addresses) {
	}

}
