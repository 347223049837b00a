package io.parley.chat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import io.parley.account.UserNames;

/** The rooms in the database (V3__rooms.sql), through the application's DataSource; plain SQL, no H2 dialect. */
@Repository
class JdbcRoomStore implements RoomStore {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	JdbcRoomStore(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@Override
	public Optional<StoredRoom> find(String room) {
		return this.jdbc.sql("SELECT * FROM room WHERE name = ?").param(room).query((rs, row) -> header(rs))
			.optional()
			.map(header -> withLists(header));
	}

	@Override
	public boolean create(StoredRoom room) {
		try {
			this.jdbc.sql("INSERT INTO room (name, owner, owner_key, topic_locked, invite_only, moderated, secret,"
					+ " join_key, member_limit, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.params(room.name(), room.owner(), UserNames.key(room.owner()), room.flags().topicLocked(),
						room.flags().inviteOnly(), room.flags().moderated(), room.flags().secret(), room.flags().key(),
						room.flags().limit(), time(room.createdAt()), time(room.createdAt()))
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	@Override
	public void update(String room, String owner, StoredRoom.Topic topic, RoomFlags flags) {
		this.jdbc.sql("UPDATE room SET owner = ?, owner_key = ?, topic = ?, topic_by = ?, topic_at = ?,"
				+ " topic_locked = ?, invite_only = ?, moderated = ?, secret = ?, join_key = ?, member_limit = ?"
				+ " WHERE name = ?")
			.params(owner, UserNames.key(owner), (topic != null) ? topic.text() : null,
					(topic != null) ? topic.by() : null, (topic != null) ? time(topic.at()) : null,
					flags.topicLocked(), flags.inviteOnly(), flags.moderated(), flags.secret(), flags.key(),
					flags.limit(), room)
			.update();
	}

	@Override
	public void setRole(String room, String name, RoomRole role) {
		String key = UserNames.key(name);
		this.transactions.executeWithoutResult(status -> {
			this.jdbc.sql("DELETE FROM room_role WHERE room = ? AND name_key = ?").params(room, key).update();
			if (role == RoomRole.OPERATOR || role == RoomRole.VOICE) {
				this.jdbc.sql("INSERT INTO room_role (room, name_key, name, role) VALUES (?, ?, ?, ?)")
					.params(room, key, name, role.name())
					.update();
			}
		});
	}

	@Override
	public void addEntry(String room, StoredRoom.ListEntry entry) {
		String key = UserNames.key(entry.name());
		this.transactions.executeWithoutResult(status -> {
			this.jdbc.sql("DELETE FROM room_entry WHERE room = ? AND kind = ? AND name_key = ?")
				.params(room, entry.list().name(), key)
				.update();
			this.jdbc.sql("INSERT INTO room_entry (room, kind, name_key, name, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)")
				.params(room, entry.list().name(), key, entry.name(), entry.by(), time(entry.at()))
				.update();
		});
	}

	@Override
	public void removeEntry(String room, StoredRoom.RoomList list, String name) {
		this.jdbc.sql("DELETE FROM room_entry WHERE room = ? AND kind = ? AND name_key = ?")
			.params(room, list.name(), UserNames.key(name))
			.update();
	}

	@Override
	public void touch(String room, Instant at) {
		this.jdbc.sql("UPDATE room SET last_used_at = ? WHERE name = ?").params(time(at), room).update();
	}

	@Override
	public boolean delete(String room) {
		return this.transactions.execute(status -> {
			this.jdbc.sql("DELETE FROM room_entry WHERE room = ?").param(room).update();
			this.jdbc.sql("DELETE FROM room_role WHERE room = ?").param(room).update();
			return this.jdbc.sql("DELETE FROM room WHERE name = ?").param(room).update() == 1;
		});
	}

	@Override
	public List<StoredRoom> page(String after, int limit) {
		List<StoredRoom> headers = this.jdbc.sql("SELECT * FROM room WHERE name > ? ORDER BY name LIMIT ?")
			.params((after != null) ? after : "", limit)
			.query((rs, row) -> header(rs))
			.list();
		List<StoredRoom> rooms = new ArrayList<>(headers.size());
		headers.forEach(header -> rooms.add(withLists(header)));
		return rooms;
	}

	@Override
	public List<String> unusedSince(Instant before) {
		return this.jdbc.sql("SELECT name FROM room WHERE last_used_at < ?").param(time(before))
			.query(String.class)
			.list();
	}

	private StoredRoom withLists(StoredRoom header) {
		List<StoredRoom.Grant> roles = this.jdbc.sql("SELECT name, role FROM room_role WHERE room = ? ORDER BY name_key")
			.param(header.name())
			.query((rs, row) -> new StoredRoom.Grant(rs.getString("name"), RoomRole.valueOf(rs.getString("role"))))
			.list();
		List<StoredRoom.ListEntry> entries = this.jdbc
			.sql("SELECT kind, name, set_by, set_at FROM room_entry WHERE room = ? ORDER BY set_at, name_key")
			.param(header.name())
			.query((rs, row) -> new StoredRoom.ListEntry(StoredRoom.RoomList.valueOf(rs.getString("kind")),
					rs.getString("name"), rs.getString("set_by"), instant(rs, "set_at")))
			.list();
		return new StoredRoom(header.name(), header.owner(), header.topic(), header.flags(), header.createdAt(), roles,
				entries);
	}

	private static StoredRoom header(ResultSet rs) throws SQLException {
		String topic = rs.getString("topic");
		RoomFlags flags = new RoomFlags(rs.getBoolean("topic_locked"), rs.getBoolean("invite_only"),
				rs.getBoolean("moderated"), rs.getBoolean("secret"), rs.getString("join_key"), rs.getInt("member_limit"));
		return new StoredRoom(rs.getString("name"), rs.getString("owner"),
				(topic != null) ? new StoredRoom.Topic(topic, rs.getString("topic_by"), instant(rs, "topic_at")) : null,
				flags, instant(rs, "created_at"), List.of(), List.of());
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
		return (at != null) ? at.toInstant() : null;
	}

	private static OffsetDateTime time(Instant at) {
		return (at != null) ? at.atOffset(ZoneOffset.UTC) : null;
	}

}
