package io.parley.files;

import java.time.Instant;

/**
 * One uploaded file as the database holds it. {@code publicId} is the unguessable part of its link;
 * {@code deletedAt} is set once an owner or an admin deleted it (the row stays, the bytes go).
 */
public record StoredFile(long id, String publicId, String owner, String name, String mediaType, long size,
		String sha256, Instant createdAt, Instant deletedAt) {

	public boolean deleted() {
		return this.deletedAt != null;
	}

}
