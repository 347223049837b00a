package io.parley.admin;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.parley.account.UserNames;
import io.parley.chat.Listings;
import io.parley.chat.RoomAdmin;
import io.parley.chat.RoomFlags;
import io.parley.chat.RoomNames;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.Reply;
import io.parley.protocol.TextCleaner;

/**
 * {@code /api/admin/rooms}: the rooms that have members (secret ones too), who they are and the room's rules;
 * stored rooms; handing a room over and deleting one.
 */
@RestController
@RequestMapping("/api/admin/rooms")
class RoomAdminController {

	private final Listings listings;

	private final RoomAdmin rooms;

	RoomAdminController(Listings listings, RoomAdmin rooms) {
		this.listings = listings;
		this.rooms = rooms;
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
	@Operation(summary = "rooms that have members (secret ones too), or stored rooms, a page at a time by name",
			description = "Pass `next` back as given for the page after; it is null on the last page.")
	ResponseEntity<?> list(
			@Parameter(description = "true: stored rooms (made by accounts), members or not, with their rules")
			@RequestParam(defaultValue = "false") boolean stored,
			@Parameter(description = "the last room of the page before; empty for the first page")
			@RequestParam(required = false) @Pattern(regexp = RoomNames.PATTERN) String after,
			@Parameter(description = "rooms per page, 1-" + LIMIT_MAX)
			@RequestParam(defaultValue = LIMIT_DEFAULT) @Min(1) @Max(LIMIT_MAX) int limit) {
		String from = (after != null) ? RoomNames.canonical(after) : null;
		if (stored) {
			return ResponseEntity.ok(stored(from, limit));
		}
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
	@Operation(summary = "a room whole: members, owner, topic, flags, operators, voices, bans, invites, mutes",
			description = "A stored room nobody is in has no members; a room made by a guest is not stored.")
	RoomView get(@PathVariable String room) {
		return this.rooms.detail(room).map(RoomView::of).orElseThrow(() -> noRoom(room));
	}

	/** Stored rooms (made by accounts), whether anyone is in them or not, secret ones too; by name, by cursor. */
	private StoredPage stored(String after, int limit) {
		List<RoomAdmin.RoomDetail> page = this.rooms.storedAfter(after, limit + 1);
		boolean more = page.size() > limit;
		List<RoomView> views = page.stream().limit(limit).map(RoomView::of).toList();
		String next = more ? "/api/admin/rooms?stored=true&after=" + views.get(views.size() - 1).room() + "&limit="
				+ limit : null;
		return new StoredPage(views, next);
	}

	/** Hands the room to another account; its members see the change, the previous owner stays an operator. */
	@PutMapping("/{room}/owner")
	@Operation(summary = "hand a room to another account")
	RoomView transfer(@PathVariable String room, @Valid @RequestBody NewOwner body, Principal admin) {
		RoomAdmin.AdminOutcome outcome = this.rooms.transfer(room, body.owner(), admin.getName());
		if (outcome == RoomAdmin.AdminOutcome.NO_ACCOUNT) {
			throw AdminProblems.of(HttpStatus.NOT_FOUND, ErrorCode.NO_SUCH_USER,
					"there is no account " + TextCleaner.excerpt(body.owner()));
		}
		if (outcome == RoomAdmin.AdminOutcome.NO_ROOM) {
			throw noRoom(room);
		}
		return get(room);
	}

	/** Deletes a room: its members are told (a kick by the server) and removed; the store forgets it. */
	@DeleteMapping("/{room}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "delete a room; its members are kicked")
	void delete(@PathVariable String room, Principal admin) {
		if (!this.rooms.delete(room, admin.getName())) {
			throw noRoom(room);
		}
	}

	private static RuntimeException noRoom(String room) {
		return AdminProblems.of(HttpStatus.NOT_FOUND, ErrorCode.NO_ROOM, "there is no room " + TextCleaner.excerpt(room));
	}

	record RoomSummary(String room, int members) {
	}

	/** {@code next}: the path of the page after this one, or null when this is the last. */
	record RoomPage(List<RoomSummary> rooms, String next) {
	}

	record StoredPage(List<RoomView> rooms, String next) {
	}

	record NewOwner(@NotNull @Pattern(regexp = UserNames.PATTERN) String owner) {
	}

	/** A room as the API shows it; {@code topic} null when none, {@code key} shown to admins. */
	record RoomView(String room, List<String> members, boolean stored, String owner, TopicView topic, FlagsView flags,
			Instant createdAt, List<String> operators, List<String> voices, List<String> bans, List<String> invites,
			List<String> mutes) {

		static RoomView of(RoomAdmin.RoomDetail d) {
			TopicView topic = (d.topic() != null) ? new TopicView(d.topic().text(), d.topic().by(), d.topic().at()) : null;
			RoomFlags f = d.flags();
			return new RoomView(d.room(), d.members(), d.stored(), d.owner(), topic,
					new FlagsView(f.topicLocked(), f.inviteOnly(), f.moderated(), f.secret(), f.key(), f.limit()),
					d.createdAt(), d.operators(), d.voices(), d.bans(), d.invites(), d.mutes());
		}

	}

	record TopicView(String text, String by, Instant at) {
	}

	/** {@code limit} 0: none; {@code key} null: none. */
	record FlagsView(boolean topicLocked, boolean inviteOnly, boolean moderated, boolean secret, String key, int limit) {
	}

}
