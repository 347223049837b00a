package io.parley.tcp;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code parley.threads.*}: the event loops, and the platform-thread pools used when the JVM runs without virtual
 * threads (JDK 17, or {@code spring.threads.virtual.enabled=false}); with virtual threads the pools are not made
 * and their keys do nothing.
 *
 * @param eventLoops selector threads reading and writing every connection; 0: one per available core
 * @param coreWorkers chat-worker threads a steady load keeps: the first this many tasks start a thread each even
 * while others are idle, so the count does not follow each burst
 * @param maxWorkers chat-worker threads: each handles one connection's frames at a time, while it has some (a
 * command waiting for a password hash holds its thread); past it frames wait on their loop, their clients unread,
 * until one is free
 * @param maxReaders deprecated and ignored (each connection had a reader thread; the event loops read them now),
 * with a WARN at start when set
 * @param coreWriters writer threads a steady load keeps, for transports whose writes block (none of the TCP
 * listeners)
 * @param maxWriters writer threads for transports whose writes block; a session whose output finds none free is
 * closed
 * @param keepAlive how long an idle pooled thread waits for work before it ends, so a pool shrinks back after a
 * burst or a busy spell
 * @param linesOnLoops whether an event loop handles a line it read itself when the line's command never waits
 * (messages to rooms and to users online here, {@code PING}), sparing it the hand-off to a chat worker and back; the
 * rest (logins, history, anything that reads the database or another node) always go to a worker. False: every line
 * goes to a worker
 */
@Validated
@ConfigurationProperties("parley.threads")
public record ThreadProperties(@DefaultValue("0") @Min(0) int eventLoops, @DefaultValue("16") @Min(0) int coreWorkers,
		@DefaultValue("512") @Min(2) int maxWorkers, @DefaultValue("4096") @Min(8) int maxReaders,
		@DefaultValue("128") @Min(0) int coreWriters, @DefaultValue("512") @Min(2) int maxWriters,
		@DefaultValue("10s") @NotNull Duration keepAlive, @DefaultValue("true") boolean linesOnLoops) {

	public ThreadProperties {
		if (coreWriters > maxWriters) {
			throw new IllegalArgumentException("parley.threads.core-writers (" + coreWriters
					+ ") must not be more than parley.threads.max-writers (" + maxWriters + ")");
		}
		if (coreWorkers > maxWorkers) {
			throw new IllegalArgumentException("parley.threads.core-workers (" + coreWorkers
					+ ") must not be more than parley.threads.max-workers (" + maxWorkers + ")");
		}
	}

}
