package io.parley.session;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code parley.sessions.*}: what every session has, whichever protocol it speaks and whichever transport
 * carries it. The last three were {@code parley.tcp.*} before; those keys are still read for one release
 * ({@link DeprecatedSessionKeys}).
 *
 * @param maxPerUser how many sessions one user may hold at once
 * @param loginTimeout how long a connection may stay anonymous before {@code BYE login-timeout}
 * @param sendQueueBytes how much output may wait for a client that does not read before
 * {@code BYE send-queue-exceeded}
 * @param closeGrace how long a closing session may take to write its last line (and how long shutdown waits
 * for all of them) before the connection is closed anyway
 */
@Validated
@ConfigurationProperties("parley.sessions")
public record SessionProperties(@DefaultValue("5") @Min(1) int maxPerUser,
		@DefaultValue("60s") @NotNull Duration loginTimeout, @DefaultValue("256KB") @NotNull DataSize sendQueueBytes,
		@DefaultValue("2s") @NotNull Duration closeGrace) {
}
