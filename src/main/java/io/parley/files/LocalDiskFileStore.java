package io.parley.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * The file store on the local disk, under {@code parley.files.directory}: {@code objects/ab/abcdef...} holds a
 * content under its SHA-256, {@code incoming/} the uploads being received. An upload is written to its own file in
 * {@code incoming/} and moved into place by a rename on the same disk, so a content is either whole under its
 * name or absent; what a crash leaves in {@code incoming/} is removed at the next start.
 */
class LocalDiskFileStore implements FileStore {

	private static final Logger log = LoggerFactory.getLogger(LocalDiskFileStore.class);

	/** Large enough for the disk and the socket to move data in big steps, small enough to be nothing in the heap. */
	private static final int BUFFER = 64 * 1024;

	private final Path objects;

	private final Path incoming;

	LocalDiskFileStore(Path directory) {
		this.objects = directory.resolve("objects");
		this.incoming = directory.resolve("incoming");
		try {
			Files.createDirectories(this.objects);
			Files.createDirectories(this.incoming);
			removeLeftovers();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot use " + directory + " for files (parley.files.directory)", ex);
		}
	}

	private void removeLeftovers() throws IOException {
		try (DirectoryStream<Path> parts = Files.newDirectoryStream(this.incoming)) {
			for (Path part : parts) {
				Files.deleteIfExists(part);
				log.info("Removed {}, an upload a stop interrupted", part.getFileName());
			}
		}
	}

	@Override
	public Incoming receive(InputStream body, long maxBytes) throws IOException {
		Path part = this.incoming.resolve(UUID.randomUUID() + ".part");
		MessageDigest digest = sha256();
		long size = 0;
		try (OutputStream out = Files.newOutputStream(part)) {
			byte[] buffer = new byte[BUFFER];
			long room = maxBytes + 1;
			int read;
			while (room > 0 && (read = body.read(buffer, 0, (int) Math.min(buffer.length, room))) != -1) {
				out.write(buffer, 0, read);
				digest.update(buffer, 0, read);
				size += read;
				room -= read;
			}
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(part);
			throw ex;
		}
		return new PartFile(part, HexFormat.of().formatHex(digest.digest()), size);
	}

	@Override
	public Optional<Resource> open(String sha256) {
		Path path = pathOf(sha256);
		return Files.isRegularFile(path) ? Optional.of(new FileSystemResource(path)) : Optional.empty();
	}

	@Override
	public void delete(String sha256) throws IOException {
		Files.deleteIfExists(pathOf(sha256));
	}

	private Path pathOf(String sha256) {
		if (!sha256.matches("[0-9a-f]{64}")) {
			throw new IllegalArgumentException("not a SHA-256 in hex: " + sha256);
		}
		return this.objects.resolve(sha256.substring(0, 2)).resolve(sha256);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

	private final class PartFile implements Incoming {

		private final Path part;

		private final String sha256;

		private final long size;

		private boolean kept;

		PartFile(Path part, String sha256, long size) {
			this.part = part;
			this.sha256 = sha256;
			this.size = size;
		}

		@Override
		public String sha256() {
			return this.sha256;
		}

		@Override
		public long size() {
			return this.size;
		}

		@Override
		public void keep() throws IOException {
			Path target = pathOf(this.sha256);
			Files.createDirectories(target.getParent());
			if (Files.exists(target)) {
				Files.delete(this.part); // the same content is stored already
			}
			else {
				try {
					Files.move(this.part, target, StandardCopyOption.ATOMIC_MOVE);
				}
				catch (AtomicMoveNotSupportedException | FileAlreadyExistsException ex) {
					Files.deleteIfExists(this.part);
					if (!Files.exists(target)) {
						throw ex;
					}
				}
			}
			this.kept = true;
		}

		@Override
		public void close() {
			if (!this.kept) {
				try {
					Files.deleteIfExists(this.part);
				}
				catch (IOException ex) {
					log.warn("Could not remove {}: {}", this.part, ex.toString());
				}
			}
		}

	}

}
