package io.parley.files;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

import io.parley.account.Account;
import io.parley.account.AccountService;
import io.parley.protocol.ErrorCode;

/**
 * Who may call {@code /files}: an upload or a deletion needs a chat account, by HTTP Basic (the same login as the
 * chat's, with its lockout) or by a token from {@code /filetoken} ({@code Authorization: Bearer}); a download needs
 * nothing but the link unless {@code parley.files.public-links} is false. A chain of its own, before the admin
 * API's (which wants an admin for everything): no sessions, no cookies, so no CSRF.
 */
@Configuration(proxyBeanMethods = false)
class FileSecurity {

	static final String REALM = "Parley files";

	@Bean
	@Order(1)
	SecurityFilterChain fileSecurityChain(HttpSecurity http, FileProperties properties, FileTokens tokens,
			AccountService accounts, JsonMapper json) throws Exception {
		AuthenticationEntryPoint entryPoint = entryPoint(json);
		http.securityMatcher(FileLinks.PATH, FileLinks.PATH + "/**")
			.authorizeHttpRequests(requests -> {
				requests.requestMatchers(HttpMethod.OPTIONS).permitAll();
				if (properties.publicLinks()) {
					requests.requestMatchers(HttpMethod.GET).permitAll().requestMatchers(HttpMethod.HEAD).permitAll();
				}
				requests.anyRequest().authenticated();
			})
			.httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(entryPoint))
			.addFilterBefore(new TokenFilter(tokens, accounts, entryPoint), BasicAuthenticationFilter.class)
			.exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint))
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			// the download sets its own (private, revalidated); the rest of Spring Security's headers stay
			.headers(headers -> headers.cacheControl(cache -> cache.disable()));
		return http.build();
	}

	/**
	 * Tomcat answers {@code Expect: 100-continue} only when the body is first read, not on arrival: an upload
	 * refused for its declared size or its account's quota is refused before the client sends a byte of it.
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> continueOnRead() {
		return factory -> factory.addConnectorCustomizers(connector -> {
			if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
				http.setContinueResponseTiming("onRead");
			}
		});
	}

	/** 401 with both challenges, 429 while locked out, 403 for a banned account, 503 when hashing is full. */
	private static AuthenticationEntryPoint entryPoint(JsonMapper json) {
		return (request, response, failure) -> {
			HttpStatus status;
			ErrorCode code;
			String detail;
			if (failure instanceof LockedException) {
				status = HttpStatus.TOO_MANY_REQUESTS;
				code = ErrorCode.RATE_LIMITED;
				detail = failure.getMessage();
			}
			else if (failure instanceof DisabledException) {
				status = HttpStatus.FORBIDDEN;
				code = ErrorCode.BANNED;
				detail = failure.getMessage();
			}
			else if (failure instanceof AuthenticationServiceException) {
				status = HttpStatus.SERVICE_UNAVAILABLE;
				code = ErrorCode.SERVER_BUSY;
				detail = failure.getMessage();
			}
			else {
				boolean wrong = failure instanceof BadCredentialsException;
				status = HttpStatus.UNAUTHORIZED;
				code = wrong ? ErrorCode.BAD_CREDENTIALS : ErrorCode.AUTH_REQUIRED;
				detail = wrong ? failure.getMessage()
						: "authenticate with HTTP Basic as a chat account, or with a token from /filetoken";
				response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
				response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
			}
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
			response.setStatus(status.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			json.writeValue(response.getOutputStream(), new Problem("about:blank", status.getReasonPhrase(),
					status.value(), detail, request.getRequestURI(), code.wireName()));
		};
	}

	/** A problem as {@code ProblemDetail} writes one, for the filters, which write before any controller. */
	record Problem(String type, String title, int status, String detail, String instance, String code) {
	}

	/**
	 * {@code Authorization: Bearer <token>}: the account a {@link FileTokens} token was issued to, while the token
	 * is good and the account is neither deleted nor banned; any other bearer is refused with 401.
	 */
	static final class TokenFilter extends OncePerRequestFilter {

		private static final String BEARER = "Bearer ";

		private final FileTokens tokens;

		private final AccountService accounts;

		private final AuthenticationEntryPoint entryPoint;

		TokenFilter(FileTokens tokens, AccountService accounts, AuthenticationEntryPoint entryPoint) {
			this.tokens = tokens;
			this.accounts = accounts;
			this.entryPoint = entryPoint;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String header = request.getHeader(HttpHeaders.AUTHORIZATION);
			if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
				chain.doFilter(request, response);
				return;
			}
			Account account = this.tokens.accountOf(header.substring(BEARER.length()).strip())
				.flatMap(this.accounts::find)
				.orElse(null);
			if (account == null) {
				this.entryPoint.commence(request, response,
						new BadCredentialsException("the token is unknown or expired; ask for a new one with /filetoken"));
				return;
			}
			if (account.banned()) {
				this.entryPoint.commence(request, response, new DisabledException("this account is banned"));
				return;
			}
			var context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(account.name(), null,
					List.of(new SimpleGrantedAuthority("ROLE_" + account.role().name()))));
			SecurityContextHolder.setContext(context);
			chain.doFilter(request, response);
		}

	}

}
