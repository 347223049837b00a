package io.parley.websocket;

import io.micrometer.core.instrument.Counter;

/**
 * How WebSocket writes finished ({@code parley.websocket.writes}): {@code atOnce} on the thread that wrote them, the
 * client's socket taking all; {@code later} on another thread, each a hand-off more than a TCP session's write.
 */
record WriteCounters(Counter atOnce, Counter later) {
}
