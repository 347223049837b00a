package io.parley.websocket;

import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code parley.websocket.*}: the WebSocket door on the HTTP port. Send queues, login timeout, flood control,
 * idle pings and the session cap are every session's ({@code parley.sessions.*}, {@code parley.limits.*}).
 *
 * @param enabled whether the door is open
 * @param path where it is on the HTTP server
 * @param allowedOrigins pages on other origins allowed to open it ({@code https://chat.example.org}; patterns
 * such as {@code https://*.example.org} too); empty: the server's own origin only. A client that sends no
 * {@code Origin} (not a browser) is always let in: the check protects users' browsers, not the server.
 * @param maxLineBytes the longest line a client may send in one frame, as on the IRC port: longer ones are
 * answered {@code 417} and dropped
 */
@Validated
@ConfigurationProperties("parley.websocket")
public record WebSocketProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("/irc") @NotBlank @Pattern(regexp = "/[A-Za-z0-9/_-]*") String path,
		@DefaultValue List<String> allowedOrigins, @DefaultValue("4608") @Min(512) int maxLineBytes) {
}
