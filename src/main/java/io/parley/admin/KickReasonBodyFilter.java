package io.parley.admin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.parley.protocol.ErrorCode;

/**
 * Lets a kick carry its reason as a JSON body ({@code {"reason": "..."}}) as well as a parameter: actuator
 * binds request bodies to operation arguments for POST only, so for the DELETE the body's {@code reason}
 * becomes the {@code reason} parameter. A parameter in the URL wins over the body.
 */
@Component
// after Spring Security's chain: a caller who may not kick gets its 401 or 403 before its body is read
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1)
class KickReasonBodyFilter extends OncePerRequestFilter {

	private static final String REASON = "reason";

	/** A reason is at most a couple of hundred characters; anything much larger is not a kick body. */
	private static final int MAX_BODY = 16 * 1024;

	private final PathMappedEndpoints endpoints;

	private final JsonMapper json;

	private final ProblemWriter problems;

	KickReasonBodyFilter(PathMappedEndpoints endpoints, JsonMapper json, ProblemWriter problems) {
		this.endpoints = endpoints;
		this.json = json;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String sessions = this.endpoints.getPath(EndpointId.of("sessions"));
		return !HttpMethod.DELETE.matches(request.getMethod()) || sessions == null
				|| !request.getRequestURI().startsWith(sessions + "/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isForm(request.getContentType())) {
			// curl -d without -H: the form filter has already made the body parameters, JSON or not
			if (!Set.of(REASON).containsAll(request.getParameterMap().keySet())) {
				this.problems.write(request, response, HttpStatus.BAD_REQUEST, ErrorCode.BAD_SYNTAX,
						"a kick takes one parameter, reason; a JSON body needs Content-Type: application/json");
				return;
			}
			chain.doFilter(request, response);
			return;
		}
		if (request.getParameter(REASON) != null) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
		if (body.length == 0) {
			chain.doFilter(request, response);
			return;
		}
		if (!isJson(request.getContentType())) {
			this.problems.write(request, response, AdminProblems.withCode(ProblemDetail.forStatusAndDetail(
					HttpStatus.UNSUPPORTED_MEDIA_TYPE, "a kick's body is application/json, like {\"reason\": \"spamming\"}")));
			return;
		}
		JsonNode reason;
		try {
			if (body.length > MAX_BODY) {
				throw new IllegalArgumentException("body too large");
			}
			reason = this.json.readTree(body).path(REASON);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			this.problems.write(request, response, HttpStatus.BAD_REQUEST, ErrorCode.BAD_SYNTAX,
					"the body must be JSON like {\"reason\": \"spamming\"}");
			return;
		}
		if (!reason.isMissingNode() && !reason.isNull() && !reason.isString()) {
			this.problems.write(request, response, AdminProblems.invalid(REASON, ErrorCode.BAD_SYNTAX, "must be text")
				.getBody());
			return;
		}
		chain.doFilter(new WithReason(request, reason.isString() ? reason.asString() : null), response);
	}

	private static boolean isJson(String contentType) {
		return is(MediaType.APPLICATION_JSON, contentType);
	}

	private static boolean isForm(String contentType) {
		return is(MediaType.APPLICATION_FORM_URLENCODED, contentType);
	}

	private static boolean is(MediaType type, String contentType) {
		try {
			return contentType != null && type.isCompatibleWith(MediaType.parseMediaType(contentType));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/** The request with the body consumed, and {@code reason} among its parameters when given. */
	private static final class WithReason extends HttpServletRequestWrapper {

		private final Map<String, String[]> parameters;

		WithReason(HttpServletRequest request, String reason) {
			super(request);
			this.parameters = new LinkedHashMap<>(request.getParameterMap());
			if (reason != null) {
				this.parameters.put(REASON, new String[] { reason });
			}
		}

		@Override
		public String getParameter(String name) {
			String[] values = this.parameters.get(name);
			return (values != null) ? values[0] : null;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return this.parameters;
		}

		@Override
		public String[] getParameterValues(String name) {
			return this.parameters.get(name);
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(this.parameters.keySet());
		}

		@Override
		public int getContentLength() {
			return 0;
		}

		@Override
		public long getContentLengthLong() {
			return 0;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream empty = new ByteArrayInputStream(new byte[0]);
			return new ServletInputStream() {

				@Override
				public int read() {
					return empty.read();
				}

				@Override
				public boolean isFinished() {
					return true;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("synchronous reads only");
				}

			};
		}

	}

}
