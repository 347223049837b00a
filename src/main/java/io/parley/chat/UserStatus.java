package io.parley.chat;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import io.parley.protocol.TextCleaner;
import io.parley.session.Session;

/** What others may know of an online user (its rooms, sessions, whether it is away), and setting away. */
@Service
public class UserStatus {

	private final Presence presence;

	UserStatus(Presence presence) {
		this.presence = presence;
	}

	/** Marks the session's user away with {@code message}, or back when it is null or blank. */
	public void setAway(Session session, String message) {
		String clean = (message != null) ? TextCleaner.clean(message).strip() : "";
		this.presence.withUser(session, user -> {
			user.away(clean.isEmpty() ? null : clean);
			return true;
		});
	}

	/** What others may know of an online user; empty when offline. */
	public Optional<UserInfo> userInfo(String name) {
		return this.presence.find(name).map(user -> new UserInfo(user.name(), user.guest(),
				user.rooms().stream().sorted().toList(), user.away(), user.sessions().size()));
	}

	/**
	 * The away message of an online user who is away; empty when the user is here or offline. Asked at every
	 * private message an IRC client sends, so it builds nothing ({@link #userInfo} sorts the user's rooms).
	 */
	public Optional<Away> away(String name) {
		return this.presence.find(name).filter(user -> user.away() != null)
			.map(user -> new Away(user.name(), user.away()));
	}

	/** An online user who is away: its name as registered, and its message. */
	public record Away(String name, String message) {
	}

	/** An online user as others see it: {@code away} is null while the user is here. */
	public record UserInfo(String name, boolean guest, List<String> rooms, String away, int sessions) {
	}

	/** How many sessions {@code user} has open; 0 when offline. */
	public int sessionCount(String user) {
		return this.presence.find(user).map(u -> u.sessions().size()).orElse(0);
	}

	/** Rooms a user is in, sorted; empty when the user is not online. */
	public List<String> roomsOf(String user) {
		return this.presence.find(user).map(u -> u.rooms().stream().sorted().toList()).orElse(List.of());
	}

}
