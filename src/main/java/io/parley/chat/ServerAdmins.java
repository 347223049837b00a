package io.parley.chat;

import org.springframework.stereotype.Component;

import io.parley.account.AccountService;
import io.parley.account.Role;
import io.parley.session.Session;

/**
 * Whether a user is a server admin (an unbanned account with role ADMIN), who acts as owner in every room. A
 * read of the account: asked for commands that change a room, and for a join or a line only once the room's
 * own rules have refused it, so the path of an ordinary message never reads the database.
 */
@Component
class ServerAdmins {

	private final AccountService accounts;

	ServerAdmins(AccountService accounts) {
		this.accounts = accounts;
	}

	boolean isAdmin(Session session) {
		return session.isLoggedIn() && isAdmin(session.user());
	}

	boolean isAdmin(String name) {
		return this.accounts.find(name).filter(account -> account.role() == Role.ADMIN && !account.banned()).isPresent();
	}

}
