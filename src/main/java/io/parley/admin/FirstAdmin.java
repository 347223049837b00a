package io.parley.admin;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import io.parley.account.Account;
import io.parley.account.AccountResult;
import io.parley.account.AccountService;
import io.parley.account.Role;

/**
 * Makes sure an administrator exists before the listeners open: with none in the database (or only banned
 * ones), creates
 * {@code parley.admin.name} with {@code parley.admin.password}, or with a random password logged once. There is
 * never a fixed default password.
 */
@Component
class FirstAdmin implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

	private final AccountService accounts;

	private final AdminProperties properties;

	FirstAdmin(AccountService accounts, AdminProperties properties) {
		this.accounts = accounts;
		this.properties = properties;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.properties.resetPassword()) {
			resetPassword();
		}
		if (this.accounts.activeAdminCount() > 0) {
			return;
		}
		String name = this.properties.name();
		if (this.accounts.exists(name)) {
			// never promote an account someone else may have registered over chat
			log.warn("No admin account can act (there is none, or every admin is banned) and the name {} is "
					+ "taken; start once with parley.admin.name set to an unused name to create one", name);
			return;
		}
		boolean generated = !this.properties.hasPassword();
		String password = generated ? randomPassword() : this.properties.password();
		if (this.accounts.create(name, password, Role.ADMIN) instanceof AccountResult.Failure failure) {
			throw new IllegalStateException("Cannot create the admin account " + name + " (parley.admin.*): "
					+ failure.text());
		}
		if (generated) {
			log.warn("Created admin account '{}' with the generated password {}", name, password);
			log.warn("It is shown only this once. Change it with: curl -u {}:<password> -X PUT "
					+ "-H 'Content-Type: application/json' -d '{\"password\":\"<new>\"}' "
					+ "http://localhost:<http-port>/api/admin/users/{}/password "
					+ "(or set PARLEY_ADMIN_PASSWORD before the first start); forgotten, it can be reset by "
					+ "starting once with --parley.admin.reset-password=true", name, name);
		}
		else {
			log.info("Created admin account '{}' with the password from parley.admin.password", name);
		}
	}

	/**
	 * {@code parley.admin.reset-password}: the named admin's password is replaced, as the admin API would. Only
	 * an existing ADMIN account: a chat user's account is never made an admin's this way, and a missing one is
	 * created below as at a first start.
	 */
	private void resetPassword() {
		String name = this.properties.name();
		Optional<Account> account = this.accounts.find(name);
		if (account.isEmpty() || account.get().role() != Role.ADMIN) {
			log.warn("parley.admin.reset-password is set, but {} is {}: no password was reset", name,
					account.isEmpty() ? "no account" : "not an admin account");
			return;
		}
		boolean generated = !this.properties.hasPassword();
		String password = generated ? randomPassword() : this.properties.password();
		if (this.accounts.resetPassword(name, password) instanceof AccountResult.Failure failure) {
			throw new IllegalStateException("Cannot reset the password of the admin account " + name
					+ " (parley.admin.password): " + failure.text());
		}
		if (generated) {
			log.warn("Reset the password of admin account '{}' to the generated password {}", name, password);
		}
		else {
			log.warn("Reset the password of admin account '{}' to parley.admin.password", name);
		}
		log.warn("Start without parley.admin.reset-password from now on, or each start resets it again");
	}

	private static String randomPassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
