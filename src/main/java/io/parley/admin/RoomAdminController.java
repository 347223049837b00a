package io.parley.admin;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.parley.chat.Listings;
import io.parley.chat.RoomNames;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.Reply;
import io.parley.protocol.TextCleaner;

/** {@code /api/admin/rooms}: the rooms that have members, and who they are. */
@RestController
@RequestMapping("/api/admin/rooms")
class RoomAdminController {

	private final Listings listings;

	RoomAdminController(Listings listings) {
		this.listings = listings;
	}

	static final String LIMIT_DEFAULT = "100";

	static final int LIMIT_MAX = 500;

	/**
	 * A page of rooms by name, those after {@code after}; {@code next} (and a {@code Link} header) asks for the
	 * page after, null on the last. A cursor rather than a page number: rooms come and go between two calls,
	 * and a cursor neither skips nor repeats a room that stays. The chat's own reply type stays free to change
	 * with the protocols; this is the API's.
	 */
	@GetMapping
	@Operation(summary = "rooms that have members, a page at a time by name",
			description = "Pass `next` back as given for the page after; it is null on the last page.")
	ResponseEntity<RoomPage> list(
			@Parameter(description = "the last room of the page before; empty for the first page")
			@RequestParam(required = false) @Pattern(regexp = RoomNames.PATTERN) String after,
			@Parameter(description = "rooms per page, 1-" + LIMIT_MAX)
			@RequestParam(defaultValue = LIMIT_DEFAULT) @Min(1) @Max(LIMIT_MAX) int limit) {
		String from = (after != null) ? RoomNames.canonical(after) : null;
		List<Reply.RoomCount> counts = this.listings.roomCountsAfter(from, limit + 1);
		boolean more = counts.size() > limit;
		List<RoomSummary> rooms = counts.stream()
			.limit(limit)
			.map(count -> new RoomSummary(count.room(), count.members()))
			.toList();
		String next = more ? "/api/admin/rooms?after=" + rooms.get(rooms.size() - 1).room() + "&limit=" + limit : null;
		ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
		if (next != null) {
			ok.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
		}
		return ok.body(new RoomPage(rooms, next));
	}

	@GetMapping("/{room}")
	RoomView get(@PathVariable String room) {
		return this.listings.roomMembers(room)
			.map(members -> new RoomView(RoomNames.canonical(room), members))
			.orElseThrow(() -> AdminProblems.of(HttpStatus.NOT_FOUND, ErrorCode.NO_ROOM,
					"there is no room " + TextCleaner.excerpt(room)));
	}

	record RoomSummary(String room, int members) {
	}

	/** {@code next}: the path of the page after this one, or null when this is the last. */
	record RoomPage(List<RoomSummary> rooms, String next) {
	}

	record RoomView(String room, List<String> members) {
	}

}
