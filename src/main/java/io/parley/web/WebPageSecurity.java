package io.parley.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import io.parley.websocket.WebSocketProperties;

/**
 * The chat page and its WebSocket door are open to everyone: a person signs in over the socket (SASL), never
 * over HTTP, so these paths have no HTTP login, no session and no cookie. Their answers carry a strict content
 * security policy: scripts, styles and connections from this origin only, no inline script or style, no frames,
 * no plugins; so even text that got into the page as markup could run nothing. Everything else stays the admin
 * API's ({@code admin.SecurityConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class WebPageSecurity {

	/**
	 * {@code connect-src 'self'} covers {@code ws:} and {@code wss:} to this origin in current browsers (CSP 3);
	 * {@code img-src data:} for the page's small inline icon only.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; "
			+ "frame-ancestors 'none'; object-src 'none'";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain webPageFilters(HttpSecurity http, WebSocketProperties socket) throws Exception {
		http.securityMatcher("/", "/index.html", "/web/**", "/favicon.ico", socket.path())
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable());
		return http.build();
	}

}
