package io.parley.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.parley.support.ParleyTest;

/**
 * The session feature serves a transport that is not TCP: a connection held in memory, the way a WebSocket
 * (issue 19) or an event loop (issue 15) will plug in, through {@link Connection} and {@link SessionEndpoint}
 * alone. It is greeted, its lines are answered, flood control pauses its reading through the port (here
 * returning at once, as an event loop does), and the end of its input ends it like a TCP client's.
 */
// a flood allowance of 2 lines, so the third line asks the transport to pause (a @TestPropertySource of its
// own: ParleyTest's lifts the limits, and wins over properties given to it)
@ParleyTest
@TestPropertySource(properties = { "parley.limits.messages.rate=1", "parley.limits.messages.burst=2" })
class OtherTransportTest {

	@Autowired
	SessionEndpoint endpoint;

	@Autowired
	SessionRegistry registry;

	@Autowired
	List<ChatProtocol> protocols;

	@Test
	void aConnectionInMemoryIsASessionLikeAnyOther() throws Exception {
		InMemoryConnection connection = new InMemoryConnection();
		String id = "memory-1";
		assertThat(this.endpoint.open(id, line(), connection, 4096)).isTrue();
		assertThat(connection.next()).startsWith("HELLO Parley ");
		Session session = this.registry.find(id).orElseThrow();
		assertThat(session.remoteAddress()).isEqualTo("192.0.2.7:4242");
		assertThat(session.tls()).isTrue();

		this.endpoint.frame(id, line("/ping one"));
		assertThat(connection.next()).isEqualTo("PONG one");
		this.endpoint.frame(id, new InboundFrame.Oversized(5000));
		assertThat(connection.next()).startsWith("ERR line-too-long");
		assertThat(connection.pausedUntil).isZero();
		// past the allowance: the transport is asked to read nothing until the budget's time, then the line is
		// handled all the same
		long before = System.nanoTime();
		this.endpoint.frame(id, line("/ping three"));
		assertThat(connection.pausedUntil - before).isPositive();
		assertThat(connection.next()).isEqualTo("PONG three");

		this.endpoint.frame(id, new InboundFrame.EndOfInput());
		assertThat(connection.next()).isEqualTo("BYE end-of-input");
		await().atMost(Duration.ofSeconds(5)).untilTrue(connection.closed);
		assertThat(this.endpoint.closed(id)).isTrue();
		assertThat(this.registry.find(id)).isEmpty();
		assertThat(this.endpoint.closed(id)).isFalse();
	}

	@Test
	void aSessionKeepsOnlyItsOwnProtocolsState() {
		InMemoryConnection connection = new InMemoryConnection();
		this.endpoint.open("memory-2", line(), connection, 4096);
		try {
			Session session = this.registry.find("memory-2").orElseThrow();
			assertThatIllegalStateException().isThrownBy(() -> session.protocolState(StringBuilder.class))
				.withMessageContaining("keeps no StringBuilder");
		}
		finally {
			this.endpoint.closed("memory-2");
		}
	}

	private ChatProtocol line() {
		return this.protocols.stream().filter(p -> p.name().equals("line")).findFirst().orElseThrow();
	}

	private static InboundFrame line(String text) {
		return new InboundFrame.Line(text.getBytes(StandardCharsets.UTF_8));
	}

	/** A transport's side of one connection, in memory: what is written, whether it was closed or paused. */
	private static final class InMemoryConnection implements Connection {

		private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

		private final AtomicBoolean closed = new AtomicBoolean();

		private volatile long pausedUntil;

		@Override
		public void write(byte[] bytes) {
			for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
				this.lines.add(line);
			}
		}

		@Override
		public void close() {
			this.closed.set(true);
		}

		@Override
		public String remoteAddress() {
			return "192.0.2.7:4242";
		}

		@Override
		public boolean isSecure() {
			return true;
		}

		@Override
		public void pauseReadingUntil(long nanoTime) {
			this.pausedUntil = nanoTime;
		}

		String next() throws InterruptedException {
			String line = this.lines.poll(5, TimeUnit.SECONDS);
			assertThat(line).as("a line within 5 s").isNotNull();
			return line;
		}

	}

}
