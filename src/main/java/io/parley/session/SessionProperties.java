package io.parley.session;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code parley.sessions.*}.
 *
 * @param maxPerUser how many sessions one user may hold at once
 */
@Validated
@ConfigurationProperties("parley.sessions")
public record SessionProperties(@DefaultValue("5") @Min(1) int maxPerUser) {
}
