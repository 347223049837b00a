package io.parley.system;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Every Parley meter, named in one place (README.md lists them). Counters that take a tag are looked up per
 * call; Micrometer caches meters by name and tags, so that is a map lookup, not a new meter.
 */
@Component
public class ParleyMetrics {

	private final MeterRegistry registry;

	private final Counter deliveries;

	private final Timer deliveryLatency;

	private final Counter linesOnEventLoops;

	private final Counter linesOnWorkers;

	public ParleyMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.linesOnEventLoops = linesHandled("event-loop");
		this.linesOnWorkers = linesHandled("worker");
		this.deliveries = Counter.builder("parley.deliveries")
			.description("Messages written to a recipient's connection (one per recipient session)")
			.register(registry);
		this.deliveryLatency = Timer.builder("parley.delivery.latency")
			.description("Time from a message's arrival to its write to a recipient's connection; one sample per write, for the oldest message in it")
			// buckets, not client-side percentiles: Prometheus computes any percentile from them
			// (histogram_quantile), across instances too; Micrometer's Prometheus registry drops
			// client-side percentiles when a histogram is published anyway
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofNanos(10_000))
			.maximumExpectedValue(Duration.ofSeconds(10))
			.register(registry);
	}

	private Counter linesHandled(String thread) {
		return Counter.builder("parley.lines.handled")
			.description("Lines from clients handed to their sessions, by the thread that handled them: the event loop "
					+ "that read them (lines that never wait) or a chat worker")
			.tag("thread", thread)
			.register(this.registry);
	}

	/** A client's line was handled by its session on an event loop, or on a chat worker. */
	public void lineHandled(boolean onEventLoop) {
		(onEventLoop ? this.linesOnEventLoops : this.linesOnWorkers).increment();
	}

	/** A gauge of live sessions for one protocol, read from {@code source} when scraped. */
	public <T> void liveSessions(String protocol, T source, ToDoubleFunction<T> count) {
		Gauge.builder("parley.sessions.live", source, count)
			.description("Open sessions, logged in or not")
			.tag("protocol", protocol)
			.register(this.registry);
	}

	/** A gauge of the sessions open through the WebSocket door (counted with their protocol's too). */
	public <T> void webSocketSessions(T source, ToDoubleFunction<T> count) {
		Gauge.builder("parley.websocket.sessions", source, count)
			.description("Open sessions carried by WebSocket, logged in or not")
			.register(this.registry);
	}

	/**
	 * The counter of WebSocket writes (a batch of frames each) that finished {@code finished}: {@code at-once}, on the
	 * thread that wrote, the client's socket taking all of it; or {@code later}, on another thread, once the client
	 * had read enough or the container handed the end of the write over to its executor. Each {@code later} costs a
	 * hand-off more than a TCP session's write, so their share says what the door costs beyond TCP.
	 */
	public Counter webSocketWrites(String finished) {
		return Counter.builder("parley.websocket.writes")
			.description("WebSocket writes (a batch of frames each), by whether they finished at once or later")
			.tag("finished", finished)
			.register(this.registry);
	}

	/** A gauge of the threads a platform pool holds ({@code readers}, {@code writers}), busy or idle. */
	public <T> void pooledThreads(String pool, T source, ToDoubleFunction<T> count) {
		Gauge.builder("parley.threads.pooled", source, count)
			.description("Platform threads a pool holds, busy or idle (none with virtual threads)")
			.tag("pool", pool)
			.register(this.registry);
	}

	/** A task a platform pool refused at its ceiling: a connection turned away, or a session closed. */
	public void threadsRefused(String pool) {
		this.registry.counter("parley.threads.refused", "pool", pool).increment();
	}

	public void connectionOpened(String protocol) {
		this.registry.counter("parley.connections.opened", "protocol", protocol).increment();
	}

	public void connectionClosed(String protocol) {
		this.registry.counter("parley.connections.closed", "protocol", protocol).increment();
	}

	/** {@code outcome}: {@code success} or the error code that refused the login. */
	public void login(String protocol, String outcome) {
		this.registry.counter("parley.logins", "protocol", protocol, "outcome", outcome).increment();
	}

	/** {@code kind}: {@code private}, {@code room} or {@code broadcast}. */
	public void messageReceived(String kind) {
		this.registry.counter("parley.messages.received", "kind", kind).increment();
	}

	/** {@code reason}: why the server cut the session, e.g. {@code send-queue-exceeded}. */
	public void sessionCut(String reason) {
		this.registry.counter("parley.sessions.cut", "reason", reason).increment();
	}

	/**
	 * One write to a recipient carried {@code messages} messages, the oldest received at {@code oldestReceivedNanos}
	 * ({@link System#nanoTime()}). Counted per message; the latency is recorded once per write, for its oldest
	 * message: the others in it waited less. A timer sample per message cost more than the rest of its delivery.
	 */
	public void delivered(int messages, long oldestReceivedNanos) {
		this.deliveries.increment(messages);
		this.deliveryLatency.record(System.nanoTime() - oldestReceivedNanos, TimeUnit.NANOSECONDS);
	}

	/** A gauge of the chat events waiting for the history writer ({@code parley.history.queue-capacity}). */
	public <T> void historyQueue(T source, ToDoubleFunction<T> depth) {
		Gauge.builder("parley.history.queue", source, depth)
			.description("Messages waiting for the history writer")
			.register(this.registry);
	}

	/** {@code messages} written to the history in one batch, which took {@code nanos} to commit. */
	public void historyWritten(int messages, long nanos) {
		this.registry.counter("parley.history.stored").increment(messages);
		Timer.builder("parley.history.write")
			.description("Time to commit one batch of messages to the history")
			.register(this.registry)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	/** A message the history did not keep: {@code reason} {@code queue-full} or {@code write-failed}. */
	public void historyDropped(String reason, int messages) {
		this.registry.counter("parley.history.dropped", "reason", reason).increment(messages);
	}

	/** One run of the retention purge, which deleted {@code messages}. */
	public void historyPurged(long messages) {
		this.registry.counter("parley.history.purge.runs").increment();
		this.registry.counter("parley.history.purged").increment(messages);
	}

	/** Gauges of the live shared files and the bytes the file store holds, read from {@code source} when scraped. */
	public <T> void filesStored(T source, ToDoubleFunction<T> files, ToDoubleFunction<T> bytes) {
		Gauge.builder("parley.files.stored", source, files).description("Shared files that can be downloaded")
			.register(this.registry);
		Gauge.builder("parley.files.bytes", source, bytes)
			.description("Bytes the file store holds, each distinct content once")
			.baseUnit("bytes")
			.register(this.registry);
	}

	/** An upload kept, of {@code bytes}. */
	public void fileUploaded(long bytes) {
		this.registry.counter("parley.files.uploads").increment();
		this.registry.counter("parley.files.uploaded.bytes").increment(bytes);
	}

	/** {@code reason}: {@code too-large}, {@code quota}, {@code store-full}, {@code type}, {@code incomplete}. */
	public void fileRefused(String reason) {
		this.registry.counter("parley.files.refused", "reason", reason).increment();
	}

	public void fileDownloaded() {
		this.registry.counter("parley.files.downloads").increment();
	}

	public void fileDeleted() {
		this.registry.counter("parley.files.deleted").increment();
	}

}
