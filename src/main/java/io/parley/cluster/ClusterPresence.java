package io.parley.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.parley.account.UserNames;
import io.parley.chat.ChatEvent;
import io.parley.chat.ClusterLink;
import io.parley.chat.MessageId;
import io.parley.chat.RemoteDelivery;

/**
 * Who is online on which node (issue 22), in Redis: each node keeps a hash {@code parley:presence:<node>} of its
 * users and their session counts, rewritten when it changes (checked every {@code presence-refresh}) and given
 * {@code presence-timeout} to live at every check, and names itself in the set {@code parley:nodes}. A node that
 * stops refreshing (killed, cut off) has its hash expire: the others then drop it, and its users, as members of
 * rooms that they saw join through the cluster, are seen to quit by this node's members.
 *
 * <p>Also the cluster's health component: DOWN, with the reason, while Redis cannot be reached; this node's users
 * then keep chatting among themselves, and the others miss what they say, until Redis is back.
 */
final class ClusterPresence extends AbstractHealthIndicator implements ClusterLink, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ClusterPresence.class);

	static final String NODES = "parley:nodes";

	/** A field every node's hash holds, so that a node with no user still has one. */
	private static final String MARKER = "\u0000node";

	private final String nodeId;

	private final ClusterProperties properties;

	private final StringRedisTemplate redis;

	private final RemoteDelivery delivery;

	/** The other nodes' users: node, then name key, then (name as shown, sessions). */
	private volatile Map<String, Map<String, Online>> elsewhere = Map.of();

	/** Members of rooms on other nodes, as seen join through the cluster: room, then name key, then who and where. */
	private final Map<String, Map<String, Member>> remoteMembers = new ConcurrentHashMap<>();

	private Map<String, Integer> written = Map.of();

	private long writtenAt;

	private volatile String redisProblem;

	/** When Redis was last reached again after a failure ({@link System#nanoTime()}); 0: never failed. */
	private volatile long recoveredAt;

	private ScheduledExecutorService ticks;

	record Online(String name, int sessions) {
	}

	record Member(String name, String node) {
	}

	ClusterPresence(String nodeId, ClusterProperties properties, StringRedisTemplate redis, RemoteDelivery delivery) {
		this.nodeId = nodeId;
		this.properties = properties;
		this.redis = redis;
		this.delivery = delivery;
	}

	@Override
	public Optional<String> onlineElsewhere(String name) {
		String key = UserNames.key(name);
		for (Map<String, Online> users : this.elsewhere.values()) {
			Online user = users.get(key);
			if (user != null) {
				return Optional.of(user.name());
			}
		}
		return Optional.empty();
	}

	@Override
	public int sessionsElsewhere(String name) {
		String key = UserNames.key(name);
		int sessions = 0;
		for (Map<String, Online> users : this.elsewhere.values()) {
			Online user = users.get(key);
			sessions += (user != null) ? user.sessions() : 0;
		}
		return sessions;
	}

	@Override
	public List<String> namesElsewhere() {
		Set<String> names = new HashSet<>();
		this.elsewhere.values().forEach(users -> users.values().forEach(user -> names.add(user.name())));
		return new ArrayList<>(names);
	}

	@Override
	public List<String> membersElsewhere(String room) {
		Map<String, Member> members = this.remoteMembers.get(room);
		return (members == null) ? List.of() : members.values().stream().map(Member::name).toList();
	}

	/** An event from another node: room memberships it shows, for the quits of a node that dies. */
	void seen(String node, ChatEvent event) {
		if (event instanceof ChatEvent.Joined j) {
			this.remoteMembers.computeIfAbsent(j.room(), r -> new ConcurrentHashMap<>())
				.put(UserNames.key(j.user()), new Member(j.user(), node));
		}
		else if (event instanceof ChatEvent.Left l) {
			forget(l.room(), l.user());
		}
		else if (event instanceof ChatEvent.Quit q) {
			forget(q.room(), q.user());
		}
		else if (event instanceof ChatEvent.Kicked k) {
			forget(k.room(), k.user());
		}
	}

	private void forget(String room, String user) {
		this.remoteMembers.computeIfPresent(room, (r, members) -> {
			members.remove(UserNames.key(user));
			return members.isEmpty() ? null : members;
		});
	}

	synchronized void redisFailed(RuntimeException ex) {
		if (this.redisProblem == null) {
			log.warn("Redis cannot be reached ({}): this node's users chat among themselves until it is back",
					ex.getClass().getSimpleName());
			this.redisProblem = "Redis cannot be reached: " + ex.getClass().getSimpleName();
			tellUsers(LINK_LOST);
		}
	}

	/** What this node's users are told when the link to the other nodes goes, and when it comes back. */
	static final String LINK_LOST = "cluster link lost: until it is back you reach only the users of this server;"
			+ " what is said meanwhile elsewhere does not reach you";

	static final String LINK_BACK = "cluster link back: you reach every user again";

	private void tellUsers(String text) {
		MessageId id = MessageId.next();
		this.delivery.deliver(new ChatEvent.ServerNotice(id, id.time(), text), null);
	}

	/** One check: write this node's users when they changed (or half the timeout passed), then read the others'. */
	void tick() {
		try {
			writeOwn();
			if (this.redisProblem != null) {
				// set before the first read: the other nodes may not have written their presence again yet
				this.recoveredAt = System.nanoTime();
			}
			readOthers();
			synchronized (this) {
				if (this.redisProblem != null) {
					log.info("Redis reached again: this node is back in the cluster");
					this.redisProblem = null;
					// a Redis that restarted lost every node's presence: each node writes it again within a refresh,
					// and none is taken for dead meanwhile (readOthers, recoveredAt)
					tellUsers(LINK_BACK);
				}
			}
		}
		catch (RuntimeException ex) {
			redisFailed(ex);
		}
	}

	private void writeOwn() {
		Map<String, Integer> online = this.delivery.onlineHere();
		long now = System.nanoTime();
		String key = hash(this.nodeId);
		boolean due = now - this.writtenAt > this.properties.presenceTimeout().toNanos() / 3;
		if (online.equals(this.written) && !due && this.redisProblem == null) {
			return;
		}
		Map<String, String> fields = new HashMap<>();
		online.forEach((name, count) -> fields.put(name, Integer.toString(count)));
		fields.put(MARKER, this.nodeId);
		this.redis.opsForHash().putAll(key, fields);
		List<Object> gone = new ArrayList<>();
		for (Object field : this.redis.opsForHash().keys(key)) {
			if (!fields.containsKey(field)) {
				gone.add(field);
			}
		}
		if (!gone.isEmpty()) {
			this.redis.opsForHash().delete(key, gone.toArray());
		}
		this.redis.expire(key, this.properties.presenceTimeout());
		this.redis.opsForZSet().add(NODES, this.nodeId, Instant.now().toEpochMilli());
		this.written = online;
		this.writtenAt = now;
	}

	private void readOthers() {
		Map<String, Map<String, Online>> seen = new HashMap<>();
		Set<String> nodes = this.redis.opsForZSet().range(NODES, 0, -1);
		for (String node : (nodes != null) ? nodes : Set.<String>of()) {
			if (node.equals(this.nodeId)) {
				continue;
			}
			Map<Object, Object> entries = this.redis.opsForHash().entries(hash(node));
			if (entries.isEmpty()) {
				// expired: lost below, as a node no longer seen
				this.redis.opsForZSet().remove(NODES, node);
				continue;
			}
			Map<String, Online> users = new HashMap<>();
			entries.forEach((name, count) -> {
				if (!MARKER.equals(name)) {
					users.put(UserNames.key((String) name), new Online((String) name, Integer.parseInt((String) count)));
				}
			});
			seen.put(node, users);
			if (!this.elsewhere.containsKey(node)) {
				log.info("Cluster node {} seen, with {} user(s)", node, users.size());
			}
		}
		boolean settling = this.recoveredAt != 0
				&& System.nanoTime() - this.recoveredAt < this.properties.presenceTimeout().toNanos();
		for (Map.Entry<String, Map<String, Online>> node : this.elsewhere.entrySet()) {
			if (seen.containsKey(node.getKey())) {
				continue;
			}
			if (settling) {
				seen.put(node.getKey(), node.getValue());
			}
			else {
				lost(node.getKey());
			}
		}
		this.elsewhere = seen;
	}

	/** A node gone without its goodbyes: its members of rooms here are seen to quit. */
	private void lost(String node) {
		log.warn("Cluster node {} stopped refreshing its presence; its users are gone", node);
		this.remoteMembers.forEach((room, members) -> members.values().removeIf(member -> {
			if (!member.node().equals(node)) {
				return false;
			}
			MessageId id = MessageId.next();
			this.delivery.deliver(new ChatEvent.Quit(id, id.time(), room, 0, member.name(), "node lost"), null);
			return true;
		}));
	}

	private static String hash(String node) {
		return "parley:presence:" + node;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		String problem = this.redisProblem;
		builder.withDetail("node", this.nodeId).withDetail("otherNodes", this.elsewhere.size());
		if (problem != null) {
			builder.down().withDetail("problem", problem);
		}
		else {
			builder.up();
		}
	}

	@Override
	public synchronized void start() {
		this.ticks = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "parley-cluster-presence"));
		long every = this.properties.presenceRefresh().toMillis();
		this.ticks.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.ticks != null) {
			this.ticks.shutdownNow();
			this.ticks = null;
			try {
				// a clean stop leaves at once rather than after the timeout
				this.redis.delete(hash(this.nodeId));
				this.redis.opsForZSet().remove(NODES, this.nodeId);
			}
			catch (RuntimeException ex) {
				log.debug("Could not remove this node's presence at stop", ex);
			}
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.ticks != null;
	}

}
