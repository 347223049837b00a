package io.parley.chat;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code parley.rooms.*}: the rules of rooms (issue 16).
 *
 * @param topicLength the longest topic, in characters (IRC {@code TOPICLEN}); longer ones are refused
 * @param modesPerCommand the most changes one command may make (IRC {@code MODES}); a command with more is refused
 * whole
 * @param listEntries the most names one of a room's lists (bans, invites, mutes) holds; a room's lists live in
 * memory while it has members
 * @param expireAfter a stored room nobody has been in for this long is deleted; {@code 0}: never
 */
@Validated
@ConfigurationProperties("parley.rooms")
public record RoomProperties(@DefaultValue("390") @Min(1) @Max(1000) int topicLength,
		@DefaultValue("6") @Min(1) @Max(100) int modesPerCommand, @DefaultValue("100") @Min(1) int listEntries,
		@DefaultValue("0s") Duration expireAfter) {
}
