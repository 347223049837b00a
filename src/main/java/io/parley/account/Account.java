package io.parley.account;

import java.time.Instant;

/** A stored account. {@link #toString()} leaves the hash out so it can never reach a log line. */
public record Account(long id, String name, String passwordHash, Role role, boolean banned, Instant createdAt) {

	@Override
	public String toString() {
		return "Account[id=" + this.id + ", name=" + this.name + ", role=" + this.role + ", banned=" + this.banned
				+ "]";
	}

}
