package io.parley.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.parley.admin.AdminProblems.FieldProblem;
import io.parley.protocol.ErrorCode;
import io.parley.system.LogText;

/**
 * Every error of the HTTP API as {@code application/problem+json}; Spring's base class covers the
 * framework's own (404, 405, 415, ...), and the input errors here name the fields at fault.
 */
@RestControllerAdvice
class AdminExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(AdminExceptionHandler.class);

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> new FieldProblem(error.getField(), message(error)))
			.toList();
		return invalid(errors, headers);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap(result -> result.getResolvableErrors()
				.stream()
				.map(error -> new FieldProblem(result.getMethodParameter().getParameterName(), message(error))))
			.toList();
		return invalid(errors, headers);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex.getCause() instanceof DatabindException bad && !bad.getPath().isEmpty()) {
			String field = bad.getPath()
				.stream()
				.map(JacksonException.Reference::getPropertyName)
				.filter(name -> name != null)
				.collect(Collectors.joining("."));
			return invalid(List.of(new FieldProblem(field, "has the wrong type or value")), headers);
		}
		return ResponseEntity.badRequest()
			.headers(headers)
			.body(AdminProblems.problem(HttpStatus.BAD_REQUEST, ErrorCode.BAD_SYNTAX,
					"the body is not the JSON this call takes", List.of()));
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = Objects.requireNonNullElse(ex.getPropertyName(), "value");
		return invalid(List.of(new FieldProblem(name, "has the wrong type or value")), headers);
	}

	/** The framework's own problems (404, 405, 415, ...) get a {@code code} like every other. */
	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem) {
			AdminProblems.withCode(problem);
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	/**
	 * A failure no handler expected: a defect or a failing database. The operator gets the stack trace;
	 * the caller a problem that shows none of it.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex, WebRequest request) throws Exception {
		if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
			throw ex; // security's own handlers answer these
		}
		log.error("Admin API call {} failed", LogText.escape(request.getDescription(false)), ex);
		return ResponseEntity.internalServerError()
			.body(AdminProblems.problem(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL_ERROR,
					"the server failed to carry out the call; the operator will find it in the log", List.of()));
	}

	private static ResponseEntity<Object> invalid(List<FieldProblem> unordered, HttpHeaders headers) {
		// validation reports in no set order; sorted, the same input always gets the same answer
		List<FieldProblem> errors = unordered.stream()
			.sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
			.toList();
		String fields = errors.stream().map(FieldProblem::field).distinct().collect(Collectors.joining(", "));
		return ResponseEntity.badRequest()
			.headers(headers)
			.body(AdminProblems.problem(HttpStatus.BAD_REQUEST, ErrorCode.BAD_SYNTAX, "invalid " + fields, errors));
	}

	private static String message(MessageSourceResolvable error) {
		if (error instanceof FieldError field && field.getRejectedValue() == null) {
			return "is required";
		}
		return Objects.requireNonNullElse(error.getDefaultMessage(), "is invalid");
	}

}
