package io.parley.keys;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call {@code /api/keys}: any chat account, by HTTP Basic (the login the page signed in with, held in its
 * memory only, with the accounts' lockout), as the admin API does for admins. A chain of its own, before the admin
 * API's (which wants an admin for everything): no sessions, no cookies, so no CSRF.
 */
@Configuration(proxyBeanMethods = false)
class KeySecurity {

	static final String PATH = "/api/keys";

	static final String REALM = "Parley keys";

	@Bean
	@Order(2)
	SecurityFilterChain keySecurityChain(HttpSecurity http) throws Exception {
		// a plain 401 problem: no challenge header, so a page's failed fetch never opens the browser's login box
		AuthenticationEntryPoint entryPoint = (request, response, failure) -> {
			response.setStatus(HttpStatus.UNAUTHORIZED.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			response.getWriter().write("{\"title\":\"Unauthorized\",\"status\":401,\"code\":\"auth-required\","
					+ "\"detail\":\"authenticate with HTTP Basic as a chat account\"}");
		};
		http.securityMatcher(PATH, PATH + "/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
			.httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(entryPoint))
			.exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint))
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable());
		return http.build();
	}

}
