package io.parley.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accounts in H2; every lookup goes through the lower-case name key. */
@Repository
public class AccountRepository {

	private final JdbcClient jdbc;

	public AccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Account> findByName(String name) {
		return this.jdbc.sql("SELECT * FROM account WHERE name_key = ?")
			.param(UserNames.key(name))
			.query(AccountRepository::toAccount)
			.optional();
	}

	public boolean exists(String name) {
		return this.jdbc.sql("SELECT COUNT(*) FROM account WHERE name_key = ?")
			.param(UserNames.key(name))
			.query(Long.class)
			.single() > 0;
	}

	/** Throws {@link org.springframework.dao.DuplicateKeyException} when the name is taken. */
	public void insert(String name, String passwordHash, Role role) {
		this.jdbc.sql("INSERT INTO account (name, name_key, password_hash, role) VALUES (?, ?, ?, ?)")
			.params(name, UserNames.key(name), passwordHash, role.name())
			.update();
	}

	public boolean updatePasswordHash(String name, String passwordHash) {
		return this.jdbc.sql("UPDATE account SET password_hash = ? WHERE name_key = ?")
			.params(passwordHash, UserNames.key(name))
			.update() == 1;
	}

	/** One page of accounts in name order. */
	public List<Account> page(long offset, int limit) {
		return this.jdbc.sql("SELECT * FROM account ORDER BY name_key LIMIT ? OFFSET ?")
			.params(limit, offset)
			.query(AccountRepository::toAccount)
			.list();
	}

	public long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM account").query(Long.class).single();
	}

	/** Accounts with {@code role} that are not banned: those that can act in it. */
	public long countActive(Role role) {
		return this.jdbc.sql("SELECT COUNT(*) FROM account WHERE role = ? AND banned = FALSE")
			.param(role.name())
			.query(Long.class)
			.single();
	}

	public boolean updateRole(String name, Role role) {
		return this.jdbc.sql("UPDATE account SET role = ? WHERE name_key = ?")
			.params(role.name(), UserNames.key(name))
			.update() == 1;
	}

	public boolean updateBanned(String name, boolean banned) {
		return this.jdbc.sql("UPDATE account SET banned = ? WHERE name_key = ?")
			.params(banned, UserNames.key(name))
			.update() == 1;
	}

	public boolean delete(String name) {
		return this.jdbc.sql("DELETE FROM account WHERE name_key = ?").param(UserNames.key(name)).update() == 1;
	}

	private static Account toAccount(ResultSet rs, int row) throws SQLException {
		return new Account(rs.getLong("id"), rs.getString("name"), rs.getString("password_hash"),
				Role.valueOf(rs.getString("role")), rs.getBoolean("banned"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}

}
