package io.parley.files;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import io.parley.protocol.ErrorCode;
import io.parley.protocol.SharedFile;
import io.parley.system.LogText;
import io.parley.system.ParleyMetrics;

/**
 * The shared files: uploads within the limits, downloads, deletion, where files were shared, retention. The
 * limits are checked against the declared length before a byte of the body is read, and again while it is read,
 * which stops at the first byte past them.
 */
@Service
public class FileCatalog {

	private static final Logger log = LoggerFactory.getLogger(FileCatalog.class);

	/** A file's id in a link: 192 random bits in base64url. */
	private static final Pattern PUBLIC_ID = Pattern.compile("[A-Za-z0-9_-]{32}");

	/** The id in a link someone pasted: {@code .../files/<id>} or {@code .../files/<id>/<name>}. */
	private static final Pattern LINK = Pattern.compile(".*" + FileLinks.PATH + "/([A-Za-z0-9_-]{32})(?:/.*)?");

	private static final Duration DAY = Duration.ofHours(24);

	private final SecureRandom random = new SecureRandom();

	private final FileStore store;

	private final FileRecords records;

	private final FileProperties properties;

	private final FileLinks links;

	private final ParleyMetrics metrics;

	/**
	 * Held while a content is kept and its row written, and while a row is deleted and its content removed, so a
	 * new upload of a content can never lose its bytes to the deletion of an older file with the same content.
	 */
	private final ReentrantLock contents = new ReentrantLock();

	FileCatalog(FileStore store, FileRecords records, FileProperties properties, FileLinks links,
			ParleyMetrics metrics) {
		this.store = store;
		this.records = records;
		this.properties = properties;
		this.links = links;
		this.metrics = metrics;
		metrics.filesStored(this, catalog -> catalog.records.liveCount(), catalog -> catalog.records.storedBytes());
	}

	/*
	 * Logs name a file by its row id, never by its link's id: the link is what grants the download.
	 */

	/**
	 * Receives one upload by {@code owner} (an account's name as registered). {@code declaredLength} is the
	 * request's {@code Content-Length}, or -1 when it has none (chunked).
	 */
	public UploadOutcome upload(String owner, String rawName, String rawType, long declaredLength, InputStream body) {
		String type = FileNaming.safeType(rawType);
		if (!typeAllowed(type)) {
			return refused("type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCode.TYPE_NOT_ALLOWED,
					"files of type " + type + " are not accepted here");
		}
		long maxFile = this.properties.maxFileSize().toBytes();
		long quotaLeft = Math.max(0, this.properties.dailyQuota().toBytes()
				- this.records.uploadedSince(owner, Instant.now().minus(DAY)));
		long storeLeft = Math.max(0, this.properties.totalCap().toBytes() - this.records.storedBytes());
		long limit = Math.min(maxFile, Math.min(quotaLeft, storeLeft));
		if (declaredLength > limit || limit == 0) {
			return overLimit(Math.max(declaredLength, 1), maxFile, quotaLeft);
		}
		try (FileStore.Incoming incoming = this.store.receive(body, limit)) {
			if (incoming.size() > limit) {
				return overLimit(incoming.size(), maxFile, quotaLeft);
			}
			if (declaredLength >= 0 && incoming.size() != declaredLength) {
				return refused("incomplete", HttpStatus.BAD_REQUEST, ErrorCode.BAD_SYNTAX, "the body held "
						+ incoming.size() + " bytes, not the " + declaredLength + " its Content-Length said");
			}
			StoredFile file = keep(incoming, owner, FileNaming.safeName(rawName), type);
			this.metrics.fileUploaded(file.size());
			log.info("{} uploaded file {} ({} bytes, {})", owner, file.id(), file.size(), LogText.escape(type));
			return new UploadOutcome.Stored(file, this.links.linkTo(file));
		}
		catch (IOException ex) {
			// the client went away or its body ended early: Tomcat reports both as an IOException on read
			return refused("incomplete", HttpStatus.BAD_REQUEST, ErrorCode.BAD_SYNTAX,
					"the upload ended before its last byte; nothing was kept");
		}
	}

	private StoredFile keep(FileStore.Incoming incoming, String owner, String name, String type) throws IOException {
		this.contents.lock();
		try {
			incoming.keep();
			return this.records.insert(newPublicId(), owner, name, type, incoming.size(), incoming.sha256());
		}
		finally {
			this.contents.unlock();
		}
	}

	private UploadOutcome overLimit(long size, long maxFile, long quotaLeft) {
		if (size > maxFile) {
			return refused("too-large", HttpStatus.PAYLOAD_TOO_LARGE, ErrorCode.FILE_TOO_LARGE,
					"a file may hold at most " + maxFile + " bytes (parley.files.max-file-size)");
		}
		if (size > quotaLeft) {
			return refused("quota", HttpStatus.INSUFFICIENT_STORAGE, ErrorCode.QUOTA_EXCEEDED,
					"this upload would pass your quota of " + this.properties.dailyQuota().toBytes()
							+ " bytes in 24 hours; " + quotaLeft + " bytes are left");
		}
		return refused("store-full", HttpStatus.INSUFFICIENT_STORAGE, ErrorCode.STORE_FULL,
				"the server's file store is full; ask an operator");
	}

	private UploadOutcome refused(String reason, HttpStatus status, ErrorCode code, String detail) {
		this.metrics.fileRefused(reason);
		return new UploadOutcome.Refused(status, code, detail);
	}

	private boolean typeAllowed(String type) {
		List<String> allowed = this.properties.allowedTypes();
		boolean listed = allowed.isEmpty() || allowed.stream().anyMatch(p -> FileNaming.matches(type, p));
		return listed && this.properties.deniedTypes().stream().noneMatch(p -> FileNaming.matches(type, p));
	}

	private String newPublicId() {
		byte[] bytes = new byte[24];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** A live file and its bytes, for a download. */
	public Optional<Download> download(String publicId) {
		return findLive(publicId).flatMap(file -> this.store.open(file.sha256()).map(bytes -> new Download(file, bytes)));
	}

	/**
	 * A live file named by its id or by its link (what {@code /share} takes); empty when there is none, or it was
	 * deleted.
	 */
	public Optional<StoredFile> findLive(String reference) {
		Matcher link = LINK.matcher(reference);
		String id = link.matches() ? link.group(1) : reference;
		if (!PUBLIC_ID.matcher(id).matches()) {
			return Optional.empty();
		}
		return this.records.find(id).filter(file -> !file.deleted());
	}

	/** The file, deleted or not (the admin API and history show what was removed). */
	public Optional<StoredFile> find(String publicId) {
		return PUBLIC_ID.matcher(publicId).matches() ? this.records.find(publicId) : Optional.empty();
	}

	/** How a chat message carries the file. */
	public SharedFile shared(StoredFile file) {
		return new SharedFile(this.links.linkTo(file), file.name(), file.size(), file.mediaType());
	}

	/** Records that {@code by} shared the file in {@code room}, or with {@code recipient}. */
	public void recordShare(StoredFile file, String room, String recipient, String by) {
		this.records.recordShare(file.id(), room, recipient, by);
	}

	public List<String> sharedTo(StoredFile file) {
		return this.records.sharedTo(file.id());
	}

	/**
	 * Deletes a file for {@code by}: its owner, or anyone when {@code admin}. Its link stops working at once; its
	 * bytes go unless another live file has the same content.
	 */
	public DeleteOutcome delete(String publicId, String by, boolean admin) {
		Optional<StoredFile> found = findLive(publicId);
		if (found.isEmpty()) {
			return DeleteOutcome.NO_SUCH_FILE;
		}
		StoredFile file = found.get();
		if (!admin && !file.owner().equals(by)) {
			return DeleteOutcome.NOT_OWNER;
		}
		this.contents.lock();
		try {
			if (!this.records.markDeleted(file.publicId(), by)) {
				return DeleteOutcome.NO_SUCH_FILE;
			}
			if (this.records.liveWithContent(file.sha256()) == 0) {
				this.store.delete(file.sha256());
			}
		}
		catch (IOException ex) {
			// the link is dead already (the row says deleted); the bytes are only disk space until the next delete
			log.warn("Could not remove the bytes of file {}: {}", file.id(), ex.toString());
		}
		finally {
			this.contents.unlock();
		}
		this.metrics.fileDeleted();
		log.info("{} deleted file {} (owner {})", by, file.id(), file.owner());
		return DeleteOutcome.DELETED;
	}

	/** Bytes {@code owner} may still upload in the next 24 hours, and the quota. */
	public Quota quota(String owner) {
		long quota = this.properties.dailyQuota().toBytes();
		long used = this.records.uploadedSince(owner, Instant.now().minus(DAY));
		return new Quota(used, quota);
	}

	/** A page of live files, by owner and room when given, newest or largest first. */
	public List<StoredFile> page(String owner, String room, boolean largestFirst, long offset, int limit) {
		return this.records.page(owner, room, largestFirst, offset, limit);
	}

	/** Hourly, files past {@code parley.files.retention} are deleted, as an operator would, a batch at a time. */
	@Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
	void removeExpired() {
		Duration retention = this.properties.retention();
		if (retention.isZero() || retention.isNegative()) {
			return;
		}
		for (StoredFile file : this.records.liveBefore(Instant.now().minus(retention), 1000)) {
			delete(file.publicId(), "retention", true);
		}
	}

	public record Download(StoredFile file, Resource bytes) {
	}

	/** Bytes an account uploaded in the last 24 hours, and how many it may. */
	public record Quota(long usedBytes, long quotaBytes) {
	}

	public enum DeleteOutcome {

		DELETED, NO_SUCH_FILE, NOT_OWNER

	}

}
