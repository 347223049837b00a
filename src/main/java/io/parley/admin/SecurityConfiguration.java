package io.parley.admin;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

import io.parley.account.LoginLimitProperties;
import io.parley.protocol.ErrorCode;

/**
 * The HTTP side is an API for operators and their tools: HTTP Basic against the chat accounts, no sessions,
 * no cookies, and so no CSRF exposure. Health (status only) and info are open for load balancers and
 * probes; everything else needs role ADMIN.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String REALM = "Parley admin";

	@Bean
	SecurityFilterChain adminSecurity(HttpSecurity http, AuthenticationEntryPoint entryPoint,
			AccessDeniedHandler deniedHandler) throws Exception {
		http.authorizeHttpRequests(requests -> requests
			.requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
			// the API's description holds nothing that README.md does not already say
			.requestMatchers("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**").permitAll()
			// Boot's error page, for a request that failed; asked for directly it is a 404 (HttpRequestLimits)
			.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
			.anyRequest().hasRole("ADMIN"))
			.httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(entryPoint))
			.exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler))
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable());
		return http.build();
	}

	/** 401 with a Basic challenge, 429 while locked out, 403 for a banned account, 503 when hashing is full. */
	@Bean
	AuthenticationEntryPoint problemEntryPoint(ProblemWriter problems, LoginLimitProperties limits) {
		return (request, response, failure) -> {
			if (failure instanceof LockedException) {
				response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(limits.lockout().toSeconds()));
				problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, ErrorCode.RATE_LIMITED,
						failure.getMessage());
			}
			else if (failure instanceof DisabledException) {
				problems.write(request, response, HttpStatus.FORBIDDEN, ErrorCode.BANNED,
						failure.getMessage());
			}
			else if (failure instanceof AuthenticationServiceException) {
				problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.SERVER_BUSY,
						failure.getMessage());
			}
			else {
				// a challenge, so that browsers and curl --anyauth know to send credentials
				response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
				boolean wrong = failure instanceof BadCredentialsException;
				problems.write(request, response, HttpStatus.UNAUTHORIZED,
						wrong ? ErrorCode.BAD_CREDENTIALS : ErrorCode.AUTH_REQUIRED,
						wrong ? "wrong name or password" : "authenticate with HTTP Basic as an admin account");
			}
		};
	}

	@Bean
	AccessDeniedHandler problemAccessDenied(ProblemWriter problems) {
		return (request, response, denied) -> problems.write(request, response, HttpStatus.FORBIDDEN,
				ErrorCode.FORBIDDEN, "this needs the ADMIN role");
	}

}
