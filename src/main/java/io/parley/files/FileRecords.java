package io.parley.files;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The files' metadata and where they were shared ({@code V5__files.sql}); plain SQL that H2 and PostgreSQL run. */
@Repository
class FileRecords {

	private final JdbcClient jdbc;

	FileRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	StoredFile insert(String publicId, String owner, String name, String mediaType, long size, String sha256) {
		this.jdbc.sql("INSERT INTO shared_file (public_id, owner, name, media_type, size, sha256) VALUES (?, ?, ?, ?, ?, ?)")
			.params(publicId, owner, name, mediaType, size, sha256)
			.update();
		return find(publicId).orElseThrow();
	}

	/** The file, deleted or not. */
	Optional<StoredFile> find(String publicId) {
		return this.jdbc.sql("SELECT * FROM shared_file WHERE public_id = ?")
			.param(publicId)
			.query(FileRecords::toFile)
			.optional();
	}

	boolean markDeleted(String publicId, String by) {
		return this.jdbc.sql("UPDATE shared_file SET deleted_at = ?, deleted_by = ? WHERE public_id = ? AND deleted_at IS NULL")
			.params(OffsetDateTime.now(ZoneOffset.UTC), by, publicId)
			.update() == 1;
	}

	/** Live files that hold this content: its bytes may go only when there are none. */
	long liveWithContent(String sha256) {
		return this.jdbc.sql("SELECT COUNT(*) FROM shared_file WHERE sha256 = ? AND deleted_at IS NULL")
			.param(sha256)
			.query(Long.class)
			.single();
	}

	/** Bytes {@code owner} uploaded since {@code since}, deleted files too (deleting does not give quota back). */
	long uploadedSince(String owner, Instant since) {
		return this.jdbc.sql("SELECT COALESCE(SUM(size), 0) FROM shared_file WHERE owner = ? AND created_at > ?")
			.params(owner, OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
			.query(Long.class)
			.single();
	}

	/** Bytes the store holds: each distinct live content once. */
	long storedBytes() {
		return this.jdbc.sql("SELECT COALESCE(SUM(size), 0) FROM (SELECT DISTINCT sha256, size FROM shared_file "
				+ "WHERE deleted_at IS NULL) contents")
			.query(Long.class)
			.single();
	}

	long liveCount() {
		return this.jdbc.sql("SELECT COUNT(*) FROM shared_file WHERE deleted_at IS NULL").query(Long.class).single();
	}

	void recordShare(long fileId, String room, String recipient, String by) {
		this.jdbc.sql("INSERT INTO file_share (file_id, room, recipient, shared_by) VALUES (?, ?, ?, ?)")
			.params(fileId, room, recipient, by)
			.update();
	}

	/** Rooms a file was shared in, and people it was shared with ({@code @name}), first share first. */
	List<String> sharedTo(long fileId) {
		return this.jdbc.sql("SELECT COALESCE(room, '@' || recipient) FROM file_share WHERE file_id = ? ORDER BY shared_at")
			.param(fileId)
			.query(String.class)
			.list();
	}

	/** Live files uploaded before {@code before}: past their retention. */
	List<StoredFile> liveBefore(Instant before, int limit) {
		return this.jdbc.sql("SELECT * FROM shared_file WHERE deleted_at IS NULL AND created_at < ? ORDER BY created_at LIMIT ?")
			.params(OffsetDateTime.ofInstant(before, ZoneOffset.UTC), limit)
			.query(FileRecords::toFile)
			.list();
	}

	/**
	 * A page of live files for the admin API: by owner and by room shared in, when given; newest first, or
	 * largest first.
	 */
	List<StoredFile> page(String owner, String room, boolean largestFirst, long offset, int limit) {
		StringBuilder sql = new StringBuilder("SELECT * FROM shared_file f WHERE deleted_at IS NULL");
		if (owner != null) {
			sql.append(" AND owner = :owner");
		}
		if (room != null) {
			sql.append(" AND EXISTS (SELECT 1 FROM file_share s WHERE s.file_id = f.id AND s.room = :room)");
		}
		sql.append(largestFirst ? " ORDER BY size DESC, id" : " ORDER BY created_at DESC, id DESC");
		sql.append(" LIMIT :limit OFFSET :offset");
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql.toString()).param("limit", limit).param("offset", offset);
		if (owner != null) {
			statement = statement.param("owner", owner);
		}
		if (room != null) {
			statement = statement.param("room", room);
		}
		return statement.query(FileRecords::toFile).list();
	}

	private static StoredFile toFile(ResultSet rs, int row) throws SQLException {
		OffsetDateTime deleted = rs.getObject("deleted_at", OffsetDateTime.class);
		return new StoredFile(rs.getLong("id"), rs.getString("public_id"), rs.getString("owner"), rs.getString("name"),
				rs.getString("media_type"), rs.getLong("size"), rs.getString("sha256"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				(deleted != null) ? deleted.toInstant() : null);
	}

}
