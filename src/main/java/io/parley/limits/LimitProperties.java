package io.parley.limits;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

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
	 * How a session that sends nothing is told from a dead one, so that a dead peer or a half-open connection
	 * does not hold a session, and its name, for ever. The kernel's TCP keep-alive probes every connection:
	 * a peer that is gone stops answering them, whatever its client. Application pings go only to clients
	 * that answer them by themselves (IRC clients do), since {@code nc} cannot and a human who only reads
	 * should not be cut off for it; the operator may turn them on for the line protocol too. Where pings go,
	 * only complete lines count as activity.
	 *
	 * @param pingAfter a pinged session that sent no line for this long gets a {@code PING}
	 * @param timeout and is closed ({@code BYE ping-timeout}) when it stays quiet this much longer
	 * @param pingLineClients whether line-protocol sessions are pinged too (IRC sessions always are)
	 * @param keepAlive the TCP keep-alive of every accepted connection
	 */
	public record Idle(@DefaultValue("120s") @NotNull Duration pingAfter, @DefaultValue("60s") @NotNull Duration timeout,
			@DefaultValue("false") boolean pingLineClients, @DefaultValue @Valid KeepAlive keepAlive) {
	}

	/**
	 * TCP keep-alive with set intervals rather than the system's (two hours before the first probe on Linux):
	 * a peer that vanished without a FIN or RST (a pulled cable, a laptop lid, a NAT that forgot the
	 * connection) is found within {@code after + interval * probes}. Where the JVM cannot set the intervals,
	 * the system's apply.
	 *
	 * @param after how long a connection may be silent both ways before the first probe
	 * @param interval time between unanswered probes
	 * @param probes unanswered probes after which the kernel drops the connection
	 */
	public record KeepAlive(@DefaultValue("60s") @NotNull @DurationMin(seconds = 1) Duration after,
			@DefaultValue("10s") @NotNull @DurationMin(seconds = 1) Duration interval,
			@DefaultValue("3") @Min(1) @Max(127) int probes) {
	}

	/** @param perAddressPerHour accounts one address may register in an hour */
	public record Registrations(@DefaultValue("10") @Min(1) int perAddressPerHour) {
	}

}
