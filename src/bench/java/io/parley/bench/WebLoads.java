package io.parley.bench;

/**
 * Issue 19's figures: IRC over Parley's WebSocket door ({@code /irc}) against IRC over TCP, the same process, the
 * same fan-out, in turn (the order swapped every round, after one unrecorded round each for the JIT), as
 * {@code web-ws-fanout} and {@code web-tcp-fanout}; then {@code webSocketHold} sessions held over WebSocket, every
 * one answering a ping at the end ({@code web-ws-hold}); then the web client's page loaded in Chromium
 * ({@link WebPageLoads}, {@code web-page}).
 */
final class WebLoads {

	private final Scenarios tcp;

	private final Scenarios webSocket;

	private final int reps;

	private final WebPageLoads page;

	WebLoads(Scenarios tcp, Scenarios webSocket, int reps, WebPageLoads page) {
		this.tcp = tcp;
		this.webSocket = webSocket;
		this.reps = reps;
		this.page = page;
	}

	void web(String rep) throws InterruptedException {
		int perSender = this.tcp.scale().messagesPerSender();
		// -Dbench.web.only=ws or tcp: that transport's fan-out alone, no hold, for a profiler on the server
		String only = System.getProperty("bench.web.only");
		for (int round = 0; round <= this.reps; round++) {
			String r = (round == 0) ? "wb" : "b" + round; // "w": a warm-up, not recorded
			boolean webSocketFirst = round % 2 == 1;
			Scenarios first = webSocketFirst ? this.webSocket : this.tcp;
			Scenarios second = webSocketFirst ? this.tcp : this.webSocket;
			for (Scenarios s : new Scenarios[] { first, second }) {
				if (only == null || only.equals(name(s))) {
					s.fanout(r + name(s), perSender, "web-" + name(s) + "-fanout");
				}
			}
		}
		if (only != null) {
			return;
		}
		this.webSocket.hold("b" + rep, "web-ws-hold", this.webSocket.scale().webSocketHold(),
				this.webSocket.scale().webSocketHoldSeconds());
		this.page.loads("b" + rep);
	}

	private String name(Scenarios s) {
		return (s == this.webSocket) ? "ws" : "tcp";
	}

}
