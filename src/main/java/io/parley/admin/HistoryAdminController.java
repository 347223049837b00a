package io.parley.admin;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.parley.chat.RoomNames;
import io.parley.history.HistoryCursor;
import io.parley.history.HistoryReader;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.TextCleaner;

/**
 * {@code /api/admin/history}: a room's stored messages a page at a time by id (any room, with members or not), and
 * deleting one message. Private conversations are not readable here: they are for their two parties.
 */
@RestController
@RequestMapping("/api/admin/history")
class HistoryAdminController {

	private final ObjectProvider<HistoryReader> history;

	HistoryAdminController(ObjectProvider<HistoryReader> history) {
		this.history = history;
	}

	/**
	 * The latest {@code limit} messages of a room, or those before or after a message id, oldest first; {@code next}
	 * is the path of the page before (older), null when there is none.
	 */
	@GetMapping("/rooms/{room}")
	@Operation(summary = "a page of a room's history", description = "The latest messages, or those before or after a message id; "
			+ "`next` asks for the older page.")
	RoomHistory room(@PathVariable @Pattern(regexp = RoomNames.PATTERN) String room,
			@Parameter(description = "a message id: the page before it") @RequestParam(required = false) String before,
			@Parameter(description = "a message id: the page after it") @RequestParam(required = false) String after,
			@Parameter(description = "messages per page, 1-1000") @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit) {
		HistoryReader reader = reader();
		if (before != null && after != null) {
			throw AdminProblems.invalid("after", ErrorCode.BAD_SYNTAX, "give before or after, not both");
		}
		HistoryReader.Direction direction = (before != null) ? HistoryReader.Direction.BEFORE
				: (after != null) ? HistoryReader.Direction.AFTER : HistoryReader.Direction.LATEST;
		String cursorText = (before != null) ? before : after;
		HistoryCursor cursor = null;
		if (cursorText != null) {
			cursor = HistoryCursor.parseId(cursorText)
				.orElseThrow(() -> AdminProblems.invalid((before != null) ? "before" : "after", ErrorCode.BAD_SYNTAX,
						"not a message id"));
		}
		String name = RoomNames.canonical(room);
		HistoryReader.Page page = reader.readRoomAsAdmin(name,
				new HistoryReader.Query(direction, cursor, null, Math.min(limit, reader.maxPage())));
		List<StoredLine> messages = page.lines()
			.stream()
			.map(line -> new StoredLine(line.id(), line.time(), line.from(), line.text()))
			.toList();
		boolean older = (direction == HistoryReader.Direction.AFTER) || page.more();
		String next = (older && !messages.isEmpty())
				? "/api/admin/history/rooms/" + name + "?before=" + messages.get(0).id() + "&limit=" + limit : null;
		return new RoomHistory(name, messages, next);
	}

	/** Deletes one message of any room or conversation: later reads no longer show it. */
	@DeleteMapping("/messages/{id}")
	@Operation(summary = "delete one stored message")
	ResponseEntity<Void> delete(@PathVariable String id) {
		HistoryCursor.ById message = HistoryCursor.parseId(id)
			.map(HistoryCursor.ById.class::cast)
			.orElseThrow(() -> AdminProblems.of(HttpStatus.NOT_FOUND, ErrorCode.NO_SUCH_MESSAGE,
					"there is no message " + TextCleaner.excerpt(TextCleaner.clean(id))));
		if (!reader().delete(message)) {
			throw AdminProblems.of(HttpStatus.NOT_FOUND, ErrorCode.NO_SUCH_MESSAGE,
					"there is no message " + id);
		}
		return ResponseEntity.noContent().build();
	}

	private HistoryReader reader() {
		HistoryReader reader = this.history.getIfAvailable();
		if (reader == null) {
			throw AdminProblems.of(HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN, "history is off on this server");
		}
		return reader;
	}

	record StoredLine(String id, Instant time, String from, String text) {
	}

	/** {@code next}: the path of the older page, or null. */
	record RoomHistory(String room, List<StoredLine> messages, String next) {
	}

}
