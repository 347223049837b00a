package io.parley.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import io.parley.account.Account;
import io.parley.account.AccountService;
import io.parley.account.UserNames;
import io.parley.chat.Logins;
import io.parley.chat.UserStatus;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.Reply;
import io.parley.protocol.TextCleaner;
import io.parley.session.Session;
import io.parley.session.SessionRegistry;
import io.parley.system.LogText;

/**
 * {@code /actuator/sessions}: every live session, one user's sessions, and the kick. A JSON body on the
 * DELETE reaches {@code reason} through {@link KickReasonBodyFilter}, as actuator binds bodies for POST only.
 */
@Component
@Endpoint(id = "sessions")
class SessionsEndpoint {

	static final int MAX_REASON = 200;

	static final int LIMIT_DEFAULT = 100;

	static final int LIMIT_MAX = 1000;

	private static final Logger log = LoggerFactory.getLogger(SessionsEndpoint.class);

	private final SessionRegistry sessions;

	private final Logins logins;

	private final UserStatus users;

	private final AccountService accounts;

	SessionsEndpoint(SessionRegistry sessions, Logins logins, UserStatus users, AccountService accounts) {
		this.sessions = sessions;
		this.logins = logins;
		this.users = users;
		this.accounts = accounts;
	}

	/**
	 * A page of the open sessions, oldest first, those after the cursor {@code after} (the {@code next} of the
	 * page before, opaque); {@code limit} per page, {@value #LIMIT_DEFAULT} when not given, at most
	 * {@value #LIMIT_MAX}. Ten thousand sessions would be megabytes in one answer.
	 */
	@ReadOperation
	WebEndpointResponse<?> all(@Nullable String after, @Nullable Integer limit) {
		int size = (limit != null) ? limit : LIMIT_DEFAULT;
		SessionCursor from = (after != null) ? SessionCursor.parse(after) : null;
		if (size < 1 || size > LIMIT_MAX || (after != null && from == null)) {
			ProblemDetail problem = AdminProblems.problem(HttpStatus.BAD_REQUEST, ErrorCode.BAD_SYNTAX,
					"limit is 1-" + LIMIT_MAX + ", and after is the next of an earlier page", List.of());
			return new WebEndpointResponse<>(AdminProblems.asMap(problem, null), WebEndpointResponse.STATUS_BAD_REQUEST,
					MediaType.APPLICATION_PROBLEM_JSON);
		}
		List<Session> page = this.sessions.all()
			.stream()
			.map(s -> new Listed(SessionCursor.of(s), s))
			.filter(listed -> from == null || listed.cursor().compareTo(from) > 0)
			.sorted(Comparator.comparing(Listed::cursor))
			.limit(size + 1L)
			.map(Listed::session)
			.toList();
		boolean more = page.size() > size;
		List<Session> shown = more ? page.subList(0, size) : page;
		String next = more ? "/actuator/sessions?after="
				+ URLEncoder.encode(SessionCursor.of(shown.get(size - 1)).toString(), StandardCharsets.UTF_8) + "&limit="
				+ size : null;
		SessionList list = list(shown.stream());
		return new WebEndpointResponse<>(new SessionPage(list.count(), list.sessions(), this.sessions.count(), next));
	}

	@ReadOperation
	WebEndpointResponse<?> ofUser(@Selector String user) {
		SessionList list = list(this.sessions.all().stream().filter(s -> isSessionOf(s, user)));
		if (list.count() == 0 && !this.accounts.exists(user)) {
			return noSuchUser(user);
		}
		return new WebEndpointResponse<>(list);
	}

	@DeleteOperation
	WebEndpointResponse<?> kick(@Selector String user, @Nullable String reason, SecurityContext security) {
		String why = cleanReason(reason);
		int closed = this.logins.endSessionsOf(user, new Reply.Bye(why.isEmpty() ? "kicked" : "kicked " + why));
		if (closed == 0 && !this.accounts.exists(user)) {
			return noSuchUser(user);
		}
		// as registered, not as typed in the URL
		String name = this.accounts.find(user).map(Account::name).orElse(user);
		log.info("kick {} ({} session(s)) by {}{}", LogText.escape(name), closed,
				security.getPrincipal() != null ? security.getPrincipal().getName() : "unknown",
				why.isEmpty() ? "" : ": " + LogText.escape(why));
		return new WebEndpointResponse<>(new KickResult(name, closed, why));
	}

	private SessionList list(Stream<Session> selected) {
		List<SessionView> views = selected.sorted(Comparator.comparing(Session::connectedAt))
			.map(s -> SessionView.of(s, s.isLoggedIn() ? this.users.roomsOf(s.user()) : List.of()))
			.toList();
		return new SessionList(views.size(), views);
	}

	private static boolean isSessionOf(Session session, String user) {
		return session.isLoggedIn() && UserNames.key(session.user()).equals(UserNames.key(user));
	}

	static String cleanReason(@Nullable String reason) {
		if (reason == null) {
			return "";
		}
		String clean = TextCleaner.clean(reason).strip();
		return (clean.codePointCount(0, clean.length()) > MAX_REASON)
				? clean.substring(0, clean.offsetByCodePoints(0, MAX_REASON)) : clean;
	}

	private static WebEndpointResponse<Map<String, Object>> noSuchUser(String user) {
		ProblemDetail problem = AdminProblems.problem(HttpStatus.NOT_FOUND, ErrorCode.NO_SUCH_USER,
				"there is no user " + TextCleaner.excerpt(user), List.of());
		return new WebEndpointResponse<>(AdminProblems.asMap(problem, null),
				WebEndpointResponse.STATUS_NOT_FOUND, MediaType.APPLICATION_PROBLEM_JSON);
	}

	record SessionList(int count, List<SessionView> sessions) {
	}

	/** {@code count}: sessions on this page; {@code total}: open now; {@code next}: the page after, or null. */
	record SessionPage(int count, List<SessionView> sessions, int total, String next) {
	}

	private record Listed(SessionCursor cursor, Session session) {
	}

	/**
	 * Where a page of sessions ends: when the last one connected, and its id for sessions that connected in the
	 * same nanosecond. Written {@code <epoch nanos>.<id>}: the session need not be open any more for the page
	 * after it to be found.
	 */
	record SessionCursor(long connectedNanos, String id) implements Comparable<SessionCursor> {

		static SessionCursor of(Session session) {
			Instant at = session.connectedAt();
			return new SessionCursor(at.getEpochSecond() * 1_000_000_000L + at.getNano(), session.id());
		}

		static SessionCursor parse(String cursor) {
			int dot = cursor.indexOf('.');
			try {
				return (dot > 0) ? new SessionCursor(Long.parseLong(cursor.substring(0, dot)), cursor.substring(dot + 1))
						: null;
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

		@Override
		public int compareTo(SessionCursor other) {
			int byTime = Long.compare(this.connectedNanos, other.connectedNanos);
			return (byTime != 0) ? byTime : this.id.compareTo(other.id);
		}

		@Override
		public String toString() {
			return this.connectedNanos + "." + this.id;
		}

	}

	record KickResult(String user, int closed, String reason) {
	}

}
