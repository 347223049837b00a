package io.parley.files;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import io.parley.protocol.ErrorCode;
import io.parley.system.ParleyMetrics;

/**
 * {@code /files}: upload as soju.im/FILEHOST has it ({@code POST} the bytes, the name in
 * {@code Content-Disposition}, the type in {@code Content-Type}; {@code 201 Created} with the link in
 * {@code Location}), download ({@code GET}, {@code HEAD}, ranges and {@code ETag} through Spring's own
 * {@code Resource} handling), and deletion by the owner or an admin. Who may call what: {@link FileSecurity}.
 */
@RestController
@RequestMapping(FileLinks.PATH)
class FileController {

	/**
	 * Nothing a file holds may run in Parley's origin: no script, no plugin, no form, no frame, a sandbox with no
	 * allowances (a unique origin); images and media may show, as a browser shows an image at its own URL.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; img-src 'self'; media-src 'self'; "
			+ "style-src 'unsafe-inline'; sandbox";

	private final FileCatalog catalog;

	private final ParleyMetrics metrics;

	FileController(FileCatalog catalog, ParleyMetrics metrics) {
		this.catalog = catalog;
		this.metrics = metrics;
	}

	@PostMapping
	ResponseEntity<FileView> upload(HttpServletRequest request, HttpServletResponse response, Authentication who)
			throws IOException {
		String type = request.getContentType();
		if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
			this.metrics.fileRefused("type");
			throw problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCode.TYPE_NOT_ALLOWED,
					"send the file's bytes as the body (its name in Content-Disposition), not a form");
		}
		UploadOutcome outcome = this.catalog.upload(who.getName(), fileName(request.getHeader(HttpHeaders.CONTENT_DISPOSITION)),
				type, request.getContentLengthLong(), request.getInputStream());
		if (outcome instanceof UploadOutcome.Refused refused) {
			if (response.isCommitted()) {
				return null; // Tomcat answered already: a body that ended early is a 400 it sends itself
			}
			throw problem(refused.status(), refused.code(), refused.detail());
		}
		UploadOutcome.Stored stored = (UploadOutcome.Stored) outcome;
		return ResponseEntity.created(URI.create(stored.url())).body(FileView.of(stored.file(), stored.url()));
	}

	/** soju.im/FILEHOST: an upload address answers {@code OPTIONS}, and may say what it accepts. */
	@RequestMapping(method = RequestMethod.OPTIONS)
	ResponseEntity<Void> options() {
		return ResponseEntity.noContent().header(HttpHeaders.ALLOW, "POST, OPTIONS").header("Accept-Post", "*/*").build();
	}

	@GetMapping({ "/{id}", "/{id}/{name}" })
	ResponseEntity<Resource> download(@PathVariable String id) {
		FileCatalog.Download download = this.catalog.download(id).orElseThrow(FileController::noSuchFile);
		StoredFile file = download.file();
		boolean inline = FileNaming.inline(file.mediaType());
		this.metrics.fileDownloaded();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.mediaType()))
			.eTag("\"" + file.sha256() + "\"")
			.header(HttpHeaders.CONTENT_DISPOSITION,
					(inline ? ContentDisposition.inline() : ContentDisposition.attachment())
						.filename(file.name(), StandardCharsets.UTF_8)
						.build()
						.toString())
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.header("Referrer-Policy", "no-referrer")
			// kept by a browser, asked about again each time: a deleted file's link must stop working
			.header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
			.body(download.bytes());
	}

	@DeleteMapping({ "/{id}", "/{id}/{name}" })
	ResponseEntity<Void> delete(@PathVariable String id, Authentication who) {
		boolean admin = who.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
		return switch (this.catalog.delete(id, who.getName(), admin)) {
			case DELETED -> ResponseEntity.noContent().build();
			case NO_SUCH_FILE -> throw noSuchFile();
			case NOT_OWNER -> throw problem(HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN,
					"only its owner or an admin may delete a file");
		};
	}

	/** The name from {@code Content-Disposition} ({@code filename*} or {@code filename}), or null. */
	static String fileName(String contentDisposition) {
		if (contentDisposition == null) {
			return null;
		}
		try {
			return ContentDisposition.parse(contentDisposition).getFilename();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	static ErrorResponseException noSuchFile() {
		return problem(HttpStatus.NOT_FOUND, ErrorCode.NO_SUCH_FILE, "there is no such file; it may have been deleted");
	}

	static ErrorResponseException problem(HttpStatus status, ErrorCode code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setProperty("code", code.wireName());
		return new ErrorResponseException(status, problem, null);
	}

	/** A file as the API shows it: its link, name, size, type, owner and when it came. */
	record FileView(String id, String url, String name, long size, String type, String owner, Instant createdAt) {

		static FileView of(StoredFile file, String url) {
			return new FileView(file.publicId(), url, file.name(), file.size(), file.mediaType(), file.owner(),
					file.createdAt());
		}

	}

}
