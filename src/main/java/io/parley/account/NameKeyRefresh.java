package io.parley.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Brings every account's {@code name_key} to {@link UserNames#key} after Flyway's migrations, at every start:
 * a database made by an older Parley has lower-case keys, and a newer ICU may know more confusables. Nothing is
 * written when every key is current.
 * <p>
 * Two old accounts may look alike under the new keys (an {@code alice} and an {@code aIice} registered before
 * look-alikes were refused). The older keeps its name; the newer is renamed to its name, a {@code -} and its id
 * (cut to fit), keeps its password, and the rename is logged at WARN so the operator can tell its owner. Without
 * the rename one of them could not log in at all, and the key could not be unique.
 */
@Component
class NameKeyRefresh implements Callback {

	private static final Logger log = LoggerFactory.getLogger(NameKeyRefresh.class);

	@Override
	public boolean supports(Event event, Context context) {
		return event == Event.AFTER_MIGRATE;
	}

	@Override
	public boolean canHandleInTransaction(Event event, Context context) {
		return false; // it commits its own changes in one transaction
	}

	@Override
	public void handle(Event event, Context context) {
		try {
			refresh(context.getConnection());
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not bring the accounts' name keys up to date", ex);
		}
	}

	@Override
	public String getCallbackName() {
		return "look-alike name keys";
	}

	private static void refresh(Connection connection) throws SQLException {
		List<Change> changes = new ArrayList<>();
		Set<String> taken = new HashSet<>();
		try (PreparedStatement select = connection.prepareStatement("SELECT id, name, name_key FROM account ORDER BY id");
				ResultSet rows = select.executeQuery()) {
			while (rows.next()) {
				long id = rows.getLong(1);
				String name = rows.getString(2);
				String newName = name;
				String key = UserNames.key(name);
				for (int attempt = 0; !taken.add(key); attempt++) {
					newName = renamed(name, id, attempt);
					key = UserNames.key(newName);
				}
				if (!key.equals(rows.getString(3)) || !newName.equals(name)) {
					changes.add(new Change(id, name, newName, key));
				}
			}
		}
		if (changes.isEmpty()) {
			return;
		}
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try (PreparedStatement park = connection.prepareStatement("UPDATE account SET name_key = ? WHERE id = ?");
				PreparedStatement set = connection
					.prepareStatement("UPDATE account SET name = ?, name_key = ? WHERE id = ?")) {
			// first out of each other's way ('#' is in no key), so that no key is held twice in between
			for (Change change : changes) {
				park.setString(1, "#" + change.id());
				park.setLong(2, change.id());
				park.executeUpdate();
			}
			for (Change change : changes) {
				set.setString(1, change.newName());
				set.setString(2, change.key());
				set.setLong(3, change.id());
				set.executeUpdate();
				if (!change.newName().equals(change.name())) {
					log.warn("Account {} looks like an older account's name; renamed to {} (its password is unchanged)",
							change.name(), change.newName());
				}
			}
			connection.commit();
		}
		catch (SQLException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
		log.info("Updated the name keys of {} account(s) to the look-alike rules", changes.size());
	}

	private static String renamed(String name, long id, int attempt) {
		String suffix = "-" + id + ((attempt > 0) ? "-" + attempt : "");
		return name.substring(0, Math.min(name.length(), UserNames.MAX_LENGTH - suffix.length())) + suffix;
	}

	private record Change(long id, String name, String newName, String key) {
	}

}
