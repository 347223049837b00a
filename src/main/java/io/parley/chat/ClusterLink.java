package io.parley.chat;

import java.util.List;
import java.util.Optional;

/**
 * The chat core's port to other nodes (issue 22), implemented by {@code io.parley.cluster} when
 * {@code parley.cluster.enabled} is on; absent on a single node, where nothing here is asked.
 *
 * <p>While a link is present every chat event is published on {@code chatEvents} without its local audience, so
 * {@code LocalDelivery} skips it: the link relays it to every node (this one included) through one ordered channel,
 * and each node hands what comes back to {@link RemoteDelivery}, which finds the audience on that node. So every
 * member of a room, on whichever node, gets the room's events in the one order that channel gives.
 */
public interface ClusterLink {

	/** The header of a {@code chatEvents} message that holds the session whose command made the event, if any. */
	String ORIGIN = "parley_origin";

	/** The name as its holder shows it when the user is online on another node (and not on this one); else empty. */
	Optional<String> onlineElsewhere(String name);

	/** Sessions the user holds on the other nodes: the session cap counts them. */
	int sessionsElsewhere(String name);

	/** Names of the users online on the other nodes, for listings of everyone online. */
	List<String> namesElsewhere();

	/**
	 * Members of {@code room} (its canonical name) on the other nodes, as this node saw them join through the
	 * cluster since it started: for NAMES, {@code /who} of a room and kicks of a member on another node.
	 */
	List<String> membersElsewhere(String room);

}
