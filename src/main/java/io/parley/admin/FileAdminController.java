package io.parley.admin;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.parley.account.Account;
import io.parley.account.AccountService;
import io.parley.chat.RoomNames;
import io.parley.files.FileCatalog;
import io.parley.files.StoredFile;
import io.parley.protocol.ErrorCode;

/** {@code /api/admin/files}: the shared files, by user, room, size or age; deleting one; an account's quota. */
@RestController
@RequestMapping("/api/admin/files")
class FileAdminController {

	private final FileCatalog files;

	private final AccountService accounts;

	FileAdminController(FileCatalog files, AccountService accounts) {
		this.files = files;
		this.accounts = accounts;
	}

	@GetMapping
	@Operation(summary = "live files, newest (sort=age) or largest (sort=size) first, by owner and room shared in")
	FilePage list(@RequestParam(required = false) String user,
			@RequestParam(required = false) @Pattern(regexp = RoomNames.PATTERN) String room,
			@RequestParam(defaultValue = "age") @Pattern(regexp = "age|size") String sort,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
		String owner = (user != null) ? this.accounts.find(user).map(Account::name).orElse(user) : null;
		List<FileView> found = this.files
			.page(owner, (room != null) ? RoomNames.canonical(room) : null, sort.equals("size"), (long) page * size,
					size + 1)
			.stream()
			.map(this::view)
			.toList();
		boolean more = found.size() > size;
		String next = more ? "/api/admin/files?sort=" + sort + "&page=" + (page + 1) + "&size=" + size
				+ ((owner != null) ? "&user=" + owner : "") + ((room != null) ? "&room=" + RoomNames.canonical(room) : "")
				: null;
		return new FilePage(more ? found.subList(0, size) : found, page, size, next);
	}

	@GetMapping("/{id}")
	FileView get(@PathVariable String id) {
		return this.files.find(id).map(this::view).orElseThrow(FileAdminController::noSuchFile);
	}

	/** The file's link stops working at once; its rows stay, marked deleted, for history to say so (logged by the catalog). */
	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String id, Principal admin) {
		if (this.files.delete(id, admin.getName(), true) != FileCatalog.DeleteOutcome.DELETED) {
			throw noSuchFile();
		}
	}

	@GetMapping("/quota/{user}")
	FileCatalog.Quota quota(@PathVariable String user) {
		Account account = this.accounts.find(user)
			.orElseThrow(() -> AdminProblems.of(HttpStatus.NOT_FOUND, ErrorCode.NO_SUCH_USER, "there is no user " + user));
		return this.files.quota(account.name());
	}

	private FileView view(StoredFile file) {
		return new FileView(file.publicId(), this.files.shared(file).url(), file.name(), file.size(), file.mediaType(),
				file.owner(), file.createdAt(), file.deletedAt(), this.files.sharedTo(file));
	}

	private static RuntimeException noSuchFile() {
		return AdminProblems.of(HttpStatus.NOT_FOUND, ErrorCode.NO_SUCH_FILE, "there is no such file");
	}

	/** {@code sharedTo}: rooms, and {@code @name} for people, it was shared with; {@code deletedAt} null while live. */
	record FileView(String id, String url, String name, long size, String type, String owner, Instant createdAt,
			Instant deletedAt, List<String> sharedTo) {
	}

	/** {@code next}: the path of the page after this one, or null on the last. */
	record FilePage(List<FileView> files, int page, int size, String next) {
	}

}
