package io.parley.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Service;

import io.parley.account.UserNames;
import io.parley.chat.RoomNames;
import io.parley.chat.UserStatus;
import io.parley.protocol.ChatError;
import io.parley.protocol.Reply;
import io.parley.protocol.TextCleaner;
import io.parley.session.Session;

/**
 * Reading history, for every protocol: who may read what, and a page of it by id. A room's history is for its
 * members (now); a conversation's for its two parties, and only for accounts (a guest's name is someone else's
 * once it has gone). A refusal never tells whether a room or user exists: a room one is not in is refused the same
 * whether it exists or not, and a conversation with a name nobody holds is simply empty.
 */
@Service
@ConditionalOnBooleanProperty(name = "parley.history.enabled", matchIfMissing = true)
public class HistoryReader {

	/** How a page is placed: the spec of IRC's CHATHISTORY, which the line protocol's {@code /history} uses in part. */
	public enum Direction {

		/** The newest messages (after {@code from}, when given). */
		LATEST,
		/** The newest messages before {@code from}. */
		BEFORE,
		/** The oldest messages after {@code from}. */
		AFTER,
		/** Half before {@code from}, the rest from it on. */
		AROUND,
		/** Strictly between {@code from} and {@code to}, nearest {@code from}. */
		BETWEEN

	}

	/** {@code from} and {@code to} may be null where the direction needs none. */
	public record Query(Direction direction, HistoryCursor from, HistoryCursor to, int limit) {
	}

	/** A page, or why not. */
	public sealed interface Result {
	}

	/**
	 * Messages oldest first. {@code room} is the room read (its one spelling), or null for a conversation;
	 * {@code more}: whether more lie beyond the page in the direction read.
	 */
	public record Page(String room, List<Reply.HistoryLine> lines, boolean more) implements Result {
	}

	public record Refused(ChatError error) implements Result {
	}

	/** A room ({@code #name}) or a user ({@code name}) one has history with, and the time of its latest message. */
	public record TargetSummary(String target, Instant latest) {
	}

	private final HistoryStore store;

	private final HistoryWriter writer;

	private final HistoryProperties properties;

	private final UserStatus users;

	private final RecentRoomLines recent;

	HistoryReader(HistoryStore store, HistoryWriter writer, HistoryProperties properties, UserStatus users,
			RecentRoomLines recent) {
		this.recent = recent;
		this.store = store;
		this.writer = writer;
		this.properties = properties;
		this.users = users;
	}

	public int defaultPage() {
		return this.properties.defaultPage();
	}

	public int maxPage() {
		return this.properties.maxPage();
	}

	/** The refusal of a limit that is not a whole number from 1 to the most a page holds. */
	public ChatError badLimit(String typed) {
		return ChatError.of(ChatError.Kind.BAD_HISTORY_LIMIT, TextCleaner.excerpt(TextCleaner.clean(typed)),
				this.properties.maxPage());
	}

	public Result read(Session session, HistoryTarget target, Query query) {
		if (query.limit() < 1 || query.limit() > this.properties.maxPage()) {
			return new Refused(badLimit(String.valueOf(query.limit())));
		}
		String room = null;
		List<String> keys;
		if (target instanceof HistoryTarget.Room r) {
			String typed = r.name();
			if (!RoomNames.isValid(typed)) {
				return new Refused(ChatError.of(ChatError.Kind.BAD_HISTORY_TARGET, excerpt(typed)));
			}
			room = RoomNames.canonical(typed);
			if (!this.users.roomsOf(session.user()).contains(room)) {
				return new Refused(ChatError.of(ChatError.Kind.NOT_IN_ROOM_TO_READ, room));
			}
			keys = List.of(HistoryStore.roomKey(room));
		}
		else {
			String with = ((HistoryTarget.Conversation) target).with();
			if (!UserNames.isValid(with)) {
				return new Refused(ChatError.of(ChatError.Kind.BAD_HISTORY_TARGET, excerpt(with)));
			}
			if (session.guest()) {
				return new Page(null, List.of(), false);
			}
			// with the account of that name, and with a guest that held it: the reader was a party to both
			keys = List.of(HistoryStore.conversationKey(session.user(), false, with, false),
					HistoryStore.conversationKey(session.user(), false, with, true));
		}
		this.writer.awaitWritten(this.properties.readWait());
		return page(room, keys, query);
	}

	/** A room's page for the admin API, which reads any room, with or without members. */
	public Page readRoomAsAdmin(String room, Query query) {
		this.writer.awaitWritten(this.properties.readWait());
		return page(room, List.of(HistoryStore.roomKey(room)), query);
	}

	private Page page(String room, List<String> key, Query q) {
		int limit = q.limit();
		HistoryCursor from = q.from();
		List<StoredMessage> rows;
		boolean more;
		switch (q.direction()) {
			case LATEST, BEFORE -> {
				UUID after = (q.direction() == Direction.LATEST && from != null) ? from.lowerBound() : null;
				UUID before = (q.direction() == Direction.BEFORE) ? from.upperBound() : null;
				rows = this.store.page(key, after, false, before, true, limit + 1);
				more = rows.size() > limit;
				rows = reversed(rows.subList(0, Math.min(limit, rows.size())));
			}
			case AFTER -> {
				rows = this.store.page(key, from.lowerBound(), false, null, false, limit + 1);
				more = rows.size() > limit;
				rows = rows.subList(0, Math.min(limit, rows.size()));
			}
			case BETWEEN -> {
				boolean forward = HistoryStore.compareIds(from.lowerBound(), q.to().lowerBound()) <= 0;
				if (forward) {
					rows = this.store.page(key, from.lowerBound(), false, q.to().upperBound(), false, limit + 1);
					more = rows.size() > limit;
					rows = rows.subList(0, Math.min(limit, rows.size()));
				}
				else {
					rows = this.store.page(key, q.to().lowerBound(), false, from.upperBound(), true, limit + 1);
					more = rows.size() > limit;
					rows = reversed(rows.subList(0, Math.min(limit, rows.size())));
				}
			}
			default -> {
				// AROUND: as Ergo, half the page before the point, the rest from it on (the point's own message first)
				int older = limit / 2;
				List<StoredMessage> before = (older > 0)
						? reversed(this.store.page(key, null, false, from.upperBound(), true, older)) : List.of();
				List<StoredMessage> after = this.store.page(key, from.upperBound(), true, null, false, limit - older);
				rows = new ArrayList<>(before);
				rows.addAll(after);
				more = false;
			}
		}
		return new Page(room, rows.stream().map(StoredMessage::line).toList(), more);
	}

	/**
	 * Deletes one message (the admin API): it is gone from every later read, and from a mailbox it waited in. False
	 * when there is none of that id.
	 */
	public boolean delete(HistoryCursor.ById id) {
		this.writer.awaitWritten(this.properties.readWait());
		boolean deleted = this.store.delete(id.id());
		this.recent.clear(); // the rooms' last lines in memory may hold it: they are read from the database again
		return deleted;
	}

	/**
	 * The rooms the session's user is in and the users it has written with, whose latest message lies strictly
	 * between {@code after} and {@code before}, the longest quiet first (IRC's CHATHISTORY TARGETS).
	 */
	public List<TargetSummary> targets(Session session, Instant after, Instant before, int limit) {
		this.writer.awaitWritten(this.properties.readWait());
		List<String> roomKeys = this.users.roomsOf(session.user()).stream().map(HistoryStore::roomKey).toList();
		String me = session.guest() ? null : session.user();
		if (me == null && roomKeys.isEmpty()) {
			return List.of();
		}
		List<TargetSummary> targets = new ArrayList<>();
		for (HistoryStore.Latest latest : this.store.latestByTarget(roomKeys,
				(me != null) ? me : session.user(), after, before, Math.min(limit, this.properties.maxPage()))) {
			if (latest.targetKey().startsWith("#")) {
				targets.add(new TargetSummary(latest.targetKey(), latest.time()));
				continue;
			}
			if (me == null) {
				continue; // a guest's name may have had conversations before it was this guest's
			}
			StoredMessage last = this.store.latestOf(latest.targetKey());
			if (last != null) {
				String other = UserNames.key(last.sender()).equals(UserNames.key(me)) ? last.recipient() : last.sender();
				targets.add(new TargetSummary(other, latest.time()));
			}
		}
		return targets;
	}

	private static String excerpt(String typed) {
		return TextCleaner.excerpt(TextCleaner.clean(typed));
	}

	private static <T> List<T> reversed(List<T> list) {
		List<T> copy = new ArrayList<>(list);
		Collections.reverse(copy);
		return copy;
	}

}
