package io.parley.admin;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.parley.chat.ChatService;
import io.parley.chat.RoomNames;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.TextCleaner;

/** {@code /api/admin/rooms}: the rooms that have members, and who they are. */
@RestController
@RequestMapping("/api/admin/rooms")
class RoomAdminController {

	private final ChatService chat;

	RoomAdminController(ChatService chat) {
		this.chat = chat;
	}

	/** The chat's own reply type stays free to change with the protocols; this is the API's. */
	@GetMapping
	List<RoomSummary> list() {
		return this.chat.roomCounts().stream().map(count -> new RoomSummary(count.room(), count.members())).toList();
	}

	@GetMapping("/{room}")
	RoomView get(@PathVariable String room) {
		return this.chat.roomMembers(room)
			.map(members -> new RoomView(RoomNames.canonical(room), members))
			.orElseThrow(() -> AdminProblems.of(HttpStatus.NOT_FOUND, ErrorCode.NO_ROOM,
					"there is no room " + TextCleaner.excerpt(room)));
	}

	record RoomSummary(String room, int members) {
	}

	record RoomView(String room, List<String> members) {
	}

}
