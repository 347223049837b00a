package io.parley.admin;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import io.parley.protocol.ErrorCode;

/**
 * Writes an RFC 9457 problem straight to the response, for refusals that happen in the security filters,
 * before any controller (and so before {@link AdminExceptionHandler}) is reached. Same shape as the
 * controllers' problems: type, title, status, detail, instance, and Parley's {@code code}.
 */
@Component
class ProblemWriter {

	private final JsonMapper json;

	ProblemWriter(JsonMapper json) {
		this.json = json;
	}

	void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, ErrorCode code,
			String detail) throws IOException {
		write(request, response, AdminProblems.problem(status, code, detail, List.of()));
	}

	void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		this.json.writeValue(response.getOutputStream(), AdminProblems.asMap(problem, request.getRequestURI()));
	}

}
