package io.parley.tcp;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * The selector threads every listener shares ({@code parley.threads.event-loops}, one per core unless set),
 * each an {@link EventLoop}; a new connection goes to the next one in turn and stays on it for its life. They
 * stop after the listeners (which depend on them) have closed their connections.
 */
final class EventLoops implements DisposableBean {

	/** A loop ends within one step; a step that takes longer than this is stuck, and the stop goes on. */
	private static final Duration STOP_WAIT = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(EventLoops.class);

	private final EventLoop[] loops;

	private final AtomicInteger next = new AtomicInteger();

	EventLoops(int count, int readBufferBytes) {
		this.loops = new EventLoop[count];
		for (int i = 0; i < count; i++) {
			this.loops[i] = new EventLoop("parley-io-" + (i + 1), readBufferBytes);
			this.loops[i].start();
		}
	}

	EventLoop next() {
		return this.loops[Math.floorMod(this.next.getAndIncrement(), this.loops.length)];
	}

	int size() {
		return this.loops.length;
	}

	@Override
	public void destroy() throws InterruptedException {
		for (EventLoop loop : this.loops) {
			loop.stop();
		}
		for (EventLoop loop : this.loops) {
			if (!loop.awaitStopped(STOP_WAIT)) {
				log.warn("An event loop did not end within {}; the server stops without it", STOP_WAIT);
			}
		}
	}

}
