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
public record LimitProperties(@DefaultValue @Valid Messages messages, @DefaultValue @Valid Targets targets,
		@DefaultValue @Valid Rooms rooms, @DefaultValue @Valid Connections connections,
		@DefaultValue @Valid Registrations registrations, @DefaultValue @Valid Idle idle) {

	/**
	 * The token bucket every session's lines are taken from, whatever the protocol or command, as fake lag: a
	 * client past it is read at the allowed rate (see {@link LineBudget}), and nothing it sent is lost.
	 *
	 * @param rate lines a second a session may send for as long as it likes
	 * @param burst lines it may send at once after a quiet spell (the bucket's size)
	 * @param maxLag a session whose lines have been held back without a break for longer than this is cut
	 * off ({@code BYE flooding}); a paste of {@code burst + rate * maxLag} lines gets through whole
	 */
	public record Messages(@DefaultValue("10") @Min(1) int rate, @DefaultValue("40") @Min(1) int burst,
			@DefaultValue("60s") @NotNull Duration maxLag) {
	}

	/**
	 * How many targets one IRC line may name; more are answered with {@code 407} and not handled. Each target
	 * handled costs one line of the session's allowance ({@link #messages}). IRC clients read these from
	 * {@code TARGMAX} and {@code MAXTARGETS}.
	 *
	 * @param messages nicks and channels one {@code PRIVMSG} or {@code NOTICE} may name
	 * @param channels channels one {@code JOIN}, {@code PART} or {@code NAMES} may name
	 */
	public record Targets(@DefaultValue("4") @Min(1) int messages, @DefaultValue("10") @Min(1) int channels) {
	}

	/**
	 * @param perUser rooms one user may be in at once, over all its sessions (IRC {@code CHANLIMIT})
	 * @param total rooms the server holds at once; past it only existing rooms can be joined
	 */
	public record Rooms(@DefaultValue("50") @Min(1) int perUser, @DefaultValue("10000") @Min(1) int total) {
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
