package io.parley.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import io.parley.account.AccountResult;
import io.parley.protocol.ErrorCode;

/**
 * Problems the admin API answers with, each carrying Parley's error {@code code} (the same names as the
 * line protocol's {@code ERR} codes) and, for input errors, the {@code errors} that name the fields.
 */
final class AdminProblems {

	private AdminProblems() {
	}

	static ErrorResponseException of(HttpStatus status, ErrorCode code, String detail) {
		return new ErrorResponseException(status, problem(status, code, detail, List.of()), null);
	}

	static ErrorResponseException of(AccountResult.Failure failure) {
		return switch (failure.code()) {
			case NO_SUCH_USER -> of(HttpStatus.NOT_FOUND, failure.code(), failure.text());
			case NAME_TAKEN -> of(HttpStatus.CONFLICT, failure.code(), failure.text());
			// the last admin: the account's state forbids the change, whoever asks
			case FORBIDDEN -> of(HttpStatus.CONFLICT, failure.code(), failure.text());
			case SERVER_BUSY -> of(HttpStatus.SERVICE_UNAVAILABLE, failure.code(), failure.text());
			case BAD_NAME -> invalid("name", failure.code(), failure.text());
			case WEAK_PASSWORD -> invalid("password", failure.code(), failure.text());
			default -> of(HttpStatus.BAD_REQUEST, failure.code(), failure.text());
		};
	}

	/** A 400 for one field that passed Bean Validation but not a rule only the code can check. */
	static ErrorResponseException invalid(String field, ErrorCode code, String message) {
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem(HttpStatus.BAD_REQUEST, code,
				"invalid " + field + ": " + message, List.of(new FieldProblem(field, message))), null);
	}

	static ProblemDetail problem(HttpStatus status, ErrorCode code, String detail, List<FieldProblem> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setProperty("code", code.wireName());
		if (!errors.isEmpty()) {
			problem.setProperty("errors", errors);
		}
		return problem;
	}

	/**
	 * A problem as the plain map that is written where no {@code ProblemDetail} support reaches: the security
	 * filters and the actuator endpoint. The same members as {@link #problem}'s, in the same order.
	 */
	static Map<String, Object> asMap(ProblemDetail problem, @Nullable String instance) {
		Map<String, Object> map = new LinkedHashMap<>();
		// absent means about:blank (RFC 9457), written out as the controllers' problems have it
		map.put("type", (problem.getType() != null) ? problem.getType().toString() : "about:blank");
		map.put("title", problem.getTitle());
		map.put("status", problem.getStatus());
		map.put("detail", problem.getDetail());
		if (instance != null) {
			map.put("instance", instance);
		}
		if (problem.getProperties() != null) {
			map.putAll(problem.getProperties());
		}
		return map;
	}

	/**
	 * Gives a problem the framework raised (an unknown path, a wrong method or media type) a code, if it has
	 * none: the status's reason phrase in kebab case, {@code not-found}, {@code method-not-allowed}, ....
	 */
	static ProblemDetail withCode(ProblemDetail problem) {
		if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
			HttpStatus known = HttpStatus.resolve(problem.getStatus());
			String phrase = (known != null) ? known.getReasonPhrase() : "error";
			problem.setProperty("code", phrase.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
		}
		return problem;
	}

	/** One invalid input: the field (or parameter) and what is wrong with it. */
	record FieldProblem(String field, String message) {
	}

}
