package io.parley.admin;

import java.security.Principal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.parley.chat.Broadcasts;
import io.parley.chat.RoomNames;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.TextCleaner;

/** {@code POST /api/admin/announcements}: a {@code NOTICE} to every session, or to one room's members. */
@RestController
class AnnouncementController {

	/** Well inside the smallest line limit a client is likely to have, with the {@code NOTICE} prefix. */
	static final int MAX_TEXT = 1000;

	private static final Logger log = LoggerFactory.getLogger(AnnouncementController.class);

	private final Broadcasts broadcasts;

	AnnouncementController(Broadcasts broadcasts) {
		this.broadcasts = broadcasts;
	}

	@PostMapping("/api/admin/announcements")
	Announced announce(@Valid @RequestBody Announcement announcement, Principal admin) {
		if (TextCleaner.clean(announcement.text()).isBlank()) {
			throw AdminProblems.invalid("text", ErrorCode.BAD_SYNTAX, "has nothing but control characters");
		}
		int sessions = this.broadcasts.announce(announcement.text(), announcement.room())
			.orElseThrow(() -> AdminProblems.of(HttpStatus.NOT_FOUND, ErrorCode.NO_ROOM,
					"there is no room " + announcement.room()));
		log.info("admin {} announced to {} ({} session(s))", admin.getName(),
				announcement.room() != null ? RoomNames.canonical(announcement.room()) : "everyone", sessions);
		return new Announced(sessions);
	}

	/** @param room the room's members only; everyone (logged in or not) when absent */
	record Announcement(@NotBlank @Size(max = MAX_TEXT) String text,
			@Nullable @Pattern(regexp = RoomNames.PATTERN, message = "must be 1-32 letters, digits, _ or -") String room) {
	}

	/** How many sessions the notice went to. */
	record Announced(int sessions) {
	}

}
