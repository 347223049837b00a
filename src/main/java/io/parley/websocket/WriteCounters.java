package io.parley.websocket;

import io.micrometer.core.instrument.Counter;

/**
 * How WebSocket writes finished ({@code parley.websocket.writes}): {@code atOnce} on the thread that wrote them, the
 * client's socket taking all; {@code later} on another thread, each a hand-off more than a TCP session's write;
 * {@code abandoned} never, the connection closing while the client had not taken them (a client cut for not reading).
 */
record WriteCounters(Counter atOnce, Counter later, Counter abandoned) {
}
