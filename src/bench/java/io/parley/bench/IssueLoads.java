package io.parley.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;

/**
 * The scenarios of issues 16 ({@code roles}), 17 ({@code history}) and 19 ({@code web}), made from the options
 * they need when they are asked for: a scenario whose option is missing fails with the option's name.
 */
final class IssueLoads {

	private final Scenarios scenarios;

	private final Map<String, String> options;

	private final int reps;

	private final WebSocketLink.Clients webSocketClients;

	IssueLoads(Scenarios scenarios, Map<String, String> options, int reps, WebSocketLink.Clients webSocketClients) {
		this.scenarios = scenarios;
		this.options = options;
		this.reps = reps;
		this.webSocketClients = webSocketClients;
	}

	/** On Parley (an admin password given) the admin is the operator; on the peers the first member. */
	RoomRoles roles() {
		return new RoomRoles(this.scenarios, this.options.get("admin-password"));
	}

	HistoryLoads history() {
		int offPort = Integer.parseInt(required("off-port"));
		long offPid = Long.parseLong(required("off-pid"));
		Scenarios off = this.scenarios.elsewhere(this.scenarios.server(),
				new InetSocketAddress(this.scenarios.address().getAddress(), offPort), offPid);
		return new HistoryLoads(this.scenarios, off, this.reps, Integer.parseInt(required("http-port")),
				required("admin-password"));
	}

	WebLoads web() {
		int httpPort = Integer.parseInt(required("http-port"));
		URI uri = URI.create("ws://127.0.0.1:" + httpPort + "/irc");
		return new WebLoads(this.scenarios, this.scenarios.overWebSocket(this.scenarios.server(), uri,
				this.webSocketClients), this.reps,
				new WebPageLoads(this.scenarios, httpPort, this.scenarios.scale().webPageLoads()));
	}

	private String required(String option) {
		String value = this.options.get(option);
		if (value == null) {
			throw new IllegalArgumentException("this scenario needs --" + option);
		}
		return value;
	}

}
