package io.parley.admin;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.parley.account.Account;
import io.parley.account.AccountResult;
import io.parley.account.AccountService;
import io.parley.account.Role;
import io.parley.account.UserNames;
import io.parley.chat.Logins;
import io.parley.chat.UserStatus;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.Reply;

/** {@code /api/admin/users}: accounts, their roles, passwords and bans. */
@RestController
@RequestMapping("/api/admin/users")
class UserAdminController {

	private static final Logger log = LoggerFactory.getLogger(UserAdminController.class);

	private final AccountService accounts;

	private final Logins logins;

	private final UserStatus users;

	UserAdminController(AccountService accounts, Logins logins, UserStatus users) {
		this.accounts = accounts;
		this.logins = logins;
		this.users = users;
	}

	@GetMapping
	UserPage list(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
		AccountService.AccountPage found = this.accounts.list(page, size);
		String next = ((long) (page + 1) * size < found.total()) ? "/api/admin/users?page=" + (page + 1) + "&size=" + size
				: null;
		return new UserPage(found.accounts().stream().map(this::view).toList(), page, size, found.total(), next);
	}

	@GetMapping("/{name}")
	UserView get(@PathVariable String name) {
		return this.accounts.find(name).map(this::view).orElseThrow(() -> noSuchUser(name));
	}

	@PostMapping
	ResponseEntity<UserView> create(@Valid @RequestBody NewUser user, Principal admin) {
		// a guest online under the name keeps it: the account is refused, as /register is (409 name-taken)
		Account account = success(
				this.accounts.create(user.name(), user.password(), user.role(), this.logins::isGuestOnline));
		log.info("admin {} created {} ({})", admin.getName(), account.name(), account.role());
		return ResponseEntity.created(URI.create("/api/admin/users/" + account.name())).body(view(account));
	}

	@PutMapping("/{name}/role")
	UserView changeRole(@PathVariable String name, @Valid @RequestBody RoleChange change, Principal admin) {
		Account account = success(this.accounts.changeRole(name, change.role()));
		log.info("admin {} made {} {}", admin.getName(), account.name(), account.role());
		return view(account);
	}

	@PutMapping("/{name}/password")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void resetPassword(@PathVariable String name, @Valid @RequestBody PasswordReset reset, Principal admin) {
		Account account = success(this.accounts.resetPassword(name, reset.password()));
		int ended = this.logins.endSessionsOf(account.name(), new Reply.Bye(Logins.PASSWORD_CHANGED));
		log.info("admin {} reset the password of {} ({} session(s) ended)", admin.getName(), account.name(), ended);
	}

	@DeleteMapping("/{name}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String name, Principal admin) {
		Account account = success(this.accounts.delete(name));
		int ended = this.logins.endSessionsOf(account.name(), new Reply.Bye("account-deleted"));
		log.info("admin {} deleted {} ({} session(s) ended)", admin.getName(), account.name(), ended);
	}

	/** Bans: the account's sessions end at once with {@code BYE banned} and its logins are refused. */
	@PutMapping("/{name}/ban")
	UserView ban(@PathVariable String name, Principal admin) {
		Account account = success(this.accounts.setBanned(name, true));
		int ended = this.logins.endSessionsOf(account.name(), new Reply.Bye("banned"));
		log.info("admin {} banned {} ({} session(s) ended)", admin.getName(), account.name(), ended);
		return view(account);
	}

	@DeleteMapping("/{name}/ban")
	UserView unban(@PathVariable String name, Principal admin) {
		Account account = success(this.accounts.setBanned(name, false));
		log.info("admin {} unbanned {}", admin.getName(), account.name());
		return view(account);
	}

	private UserView view(Account account) {
		return new UserView(account.name(), account.role(), account.banned(), account.createdAt(),
				this.users.sessionCount(account.name()));
	}

	private static Account success(AccountResult result) {
		if (result instanceof AccountResult.Failure failure) {
			throw AdminProblems.of(failure);
		}
		return ((AccountResult.Success) result).account();
	}

	private static RuntimeException noSuchUser(String name) {
		return AdminProblems.of(HttpStatus.NOT_FOUND, ErrorCode.NO_SUCH_USER, "there is no user " + name);
	}

	/** An account as the API shows it: never its password hash. {@code sessions}: open now. */
	record UserView(String name, Role role, boolean banned, Instant createdAt, int sessions) {
	}

	/** {@code next}: the path of the page after this one, or null when this is the last. */
	record UserPage(List<UserView> users, int page, int size, long total, String next) {
	}

	record NewUser(@NotNull @Pattern(regexp = UserNames.PATTERN,
			message = "must be 2-32 letters, digits, _ or -, starting with a letter") String name,
			@NotNull @Size(max = AccountService.PASSWORD_LIMIT) String password,
			@NotNull Role role) {
	}

	record RoleChange(@NotNull Role role) {
	}

	// the length the configuration asks for (parley.accounts.password.*) is the account service's to check
	record PasswordReset(@NotNull @Size(max = AccountService.PASSWORD_LIMIT) String password) {
	}

}
