package io.parley.limits;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code parley.limits.*}: what one client, or one address, may cost the server. (The login lockout,
 * {@code parley.limits.login.*}, belongs to the accounts.)
 */
@Validated
@ConfigurationProperties("parley.limits")
public record LimitProperties(@DefaultValue @Valid Messages messages, @DefaultValue @Valid Connections connections,
		@DefaultValue @Valid Registrations registrations, @DefaultValue @Valid Idle idle) {

	/**
	 * The token bucket every session's lines are taken from, whatever the protocol or command.
	 *
	 * @param rate lines a second a session may send for as long as it likes
	 * @param burst lines it may send at once after a quiet spell (the bucket's size)
	 * @param cutAfter refused lines in a row after which the session is cut off ({@code BYE flooding})
	 */
	public record Messages(@DefaultValue("10") @Min(1) int rate, @DefaultValue("40") @Min(1) int burst,
			@DefaultValue("40") @Min(1) int cutAfter) {
	}

	/**
	 * @param perAddress connections one address may hold open, over every listener
	 * @param total connections the server holds open in all; keep it under the process's file limit
	 */
	public record Connections(@DefaultValue("20") @Min(1) int perAddress, @DefaultValue("10000") @Min(1) int total) {
	}

	/**
	 * Keep-alive for both protocols: a dead peer, a half-open connection or a line that never ends does not
	 * hold a session, and its name, for ever. Only complete lines count as activity.
	 *
	 * @param pingAfter a session that sent no line for this long gets a {@code PING}
	 * @param timeout and is closed ({@code BYE ping-timeout}) when it stays quiet this much longer
	 */
	public record Idle(@DefaultValue("120s") @NotNull Duration pingAfter, @DefaultValue("60s") @NotNull Duration timeout) {
	}

	/** @param perAddressPerHour accounts one address may register in an hour */
	public record Registrations(@DefaultValue("10") @Min(1) int perAddressPerHour) {
	}

}
