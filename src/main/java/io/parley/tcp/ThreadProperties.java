package io.parley.tcp;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code parley.threads.*}: the platform-thread pools of connection readers and session writers, used when the
 * JVM runs without virtual threads (JDK 17, or {@code spring.threads.virtual.enabled=false}); with virtual
 * threads there is no pool and these do nothing.
 *
 * @param maxReaders threads that read connections, one per open connection for its life, plus one per listener
 * for its accept loop; a connection past it gets {@code BYE server-busy} (its TLS handshake not begun: closed)
 * @param coreWriters writer threads a steady load keeps: the first this many tasks start a thread each even
 * while others are idle. Without them the writers would number whatever the last burst needed (a full GC pause
 * leaves one), and the live threads would jump by tens after each
 * @param maxWriters threads that write queued output, one per session while it has output waiting; a session
 * whose output finds none free is closed (it cannot be written to)
 * @param keepAlive how long an idle pooled thread waits for work before it ends, so a pool shrinks back after a
 * burst or a busy spell
 */
@Validated
@ConfigurationProperties("parley.threads")
public record ThreadProperties(@DefaultValue("4096") @Min(8) int maxReaders, @DefaultValue("128") @Min(0) int coreWriters,
		@DefaultValue("512") @Min(2) int maxWriters, @DefaultValue("10s") @NotNull Duration keepAlive) {

	public ThreadProperties {
		if (coreWriters > maxWriters) {
			throw new IllegalArgumentException("parley.threads.core-writers (" + coreWriters
					+ ") must not be more than parley.threads.max-writers (" + maxWriters + ")");
		}
	}

}
