package io.parley.admin;

import java.io.IOException;
import java.util.Collections;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.coyote.http11.AbstractHttp11Protocol;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import io.parley.protocol.ErrorCode;

/**
 * What the HTTP port answers to requests that no client of the admin API sends, without a stack trace in the
 * log and without Boot's placeholder status 999.
 * <p>
 * Request headers over {@code server.max-http-request-header-size} (8 KB) are answered {@code 431} with a
 * problem. Tomcat alone would answer 400 and log the first such request at INFO with a stack trace; so it is
 * given room for four times as much, and this filter, which sees the parsed headers, answers. Headers beyond
 * even that are still refused by Tomcat (400), logged at DEBUG only ({@code application.yml}).
 * <p>
 * {@code /error} asked for directly (not as an error dispatch) has no error to describe: it is a path like any
 * unknown one, {@code 404}.
 */
@Configuration(proxyBeanMethods = false)
class HttpRequestLimits {

	/** How much more Tomcat parses than the filter lets through, so that it is the filter that answers. */
	private static final int TOMCAT_HEADROOM = 4;

	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> tomcatHeaderRoom(
			@Value("${server.max-http-request-header-size:8KB}") DataSize limit) {
		return new WebServerFactoryCustomizer<>() {

			@Override
			public void customize(ConfigurableTomcatWebServerFactory factory) {
				factory.addConnectorCustomizers(connector -> {
					if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
						http.setMaxHttpRequestHeaderSize((int) Math.min(Integer.MAX_VALUE,
								limit.toBytes() * TOMCAT_HEADROOM));
					}
				});
			}

		};
	}

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> requestHeaderLimit(ProblemWriter problems,
			@Value("${server.max-http-request-header-size:8KB}") DataSize limit,
			@Value("${server.error.path:/error}") String errorPath) {
		OncePerRequestFilter filter = new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain) throws ServletException, IOException {
				if (headerBytes(request) > limit.toBytes()) {
					problems.write(request, response, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
							ErrorCode.LINE_TOO_LONG, "the request's headers exceed " + limit.toKilobytes() + " KB");
					return;
				}
				if (errorPath.equals(request.getRequestURI())) {
					response.sendError(HttpServletResponse.SC_NOT_FOUND);
					return;
				}
				chain.doFilter(request, response);
			}

		};
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
		// before security: neither answer depends on who asks
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/** The request line and headers as sent, near enough: names, values and their separators. */
	private static long headerBytes(HttpServletRequest request) {
		long bytes = request.getMethod().length() + request.getRequestURI().length()
				+ ((request.getQueryString() != null) ? request.getQueryString().length() + 1 : 0) + 12;
		for (String name : Collections.list(request.getHeaderNames())) {
			for (String value : Collections.list(request.getHeaders(name))) {
				bytes += name.length() + value.length() + 4;
			}
		}
		return bytes;
	}

}
