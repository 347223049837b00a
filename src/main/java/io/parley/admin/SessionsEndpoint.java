package io.parley.admin;

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
import io.parley.chat.ChatService;
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

	private static final Logger log = LoggerFactory.getLogger(SessionsEndpoint.class);

	private final SessionRegistry sessions;

	private final ChatService chat;

	private final AccountService accounts;

	SessionsEndpoint(SessionRegistry sessions, ChatService chat, AccountService accounts) {
		this.sessions = sessions;
		this.chat = chat;
		this.accounts = accounts;
	}

	@ReadOperation
	SessionList all() {
		return list(this.sessions.all().stream());
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
		int closed = this.chat.endSessionsOf(user, new Reply.Bye(why.isEmpty() ? "kicked" : "kicked " + why));
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
			.map(s -> SessionView.of(s, s.isLoggedIn() ? this.chat.roomsOf(s.user()) : List.of()))
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

	record KickResult(String user, int closed, String reason) {
	}

}
