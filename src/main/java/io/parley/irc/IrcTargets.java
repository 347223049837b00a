package io.parley.irc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.parley.account.UserNames;
import io.parley.chat.RoomProperties;
import io.parley.limits.LimitProperties;

/**
 * How much one IRC line may ask for ({@code parley.limits.targets.*}, {@code parley.limits.rooms.*}), as enforced
 * and as advertised in {@code ISUPPORT}, from the one configuration, so the two cannot drift apart. A target list
 * is cut to its distinct targets (compared as the server compares names: a nick as its account key, a channel
 * ignoring case), so naming one user 450 times is one message, not 450.
 */
final class IrcTargets {

	private final LimitProperties.Targets targets;

	private final LimitProperties.Rooms rooms;

	private final RoomProperties roomRules;

	IrcTargets(LimitProperties limits, RoomProperties roomRules) {
		this.targets = limits.targets();
		this.rooms = limits.rooms();
		this.roomRules = roomRules;
	}

	/** The targets of one line: those to handle, in the order named, and the first beyond the bound, or null. */
	record TargetList(List<String> handled, String firstDropped) {
	}

	/** The distinct targets of a {@code PRIVMSG} or {@code NOTICE}. */
	TargetList messageTargets(String list) {
		return bounded(list, this.targets.messages());
	}

	/** The distinct channels of a {@code JOIN}, {@code PART} or {@code NAMES}. */
	TargetList channelTargets(String list) {
		return bounded(list, this.targets.channels());
	}

	/** The {@code ISUPPORT} tokens that tell clients these bounds. */
	List<String> isupport() {
		int channels = this.targets.channels();
		int messages = this.targets.messages();
		return List.of("CHANLIMIT=#:" + this.rooms.perUser(), "MAXTARGETS=" + messages,
				"TARGMAX=JOIN:" + channels + ",KICK:" + messages + ",NAMES:" + channels + ",NOTICE:" + messages
						+ ",PART:" + channels + ",PRIVMSG:" + messages,
				"MODES=" + this.roomRules.modesPerCommand(), "TOPICLEN=" + this.roomRules.topicLength(),
				"MAXLIST=bI:" + this.roomRules.listEntries());
	}

	private static TargetList bounded(String list, int max) {
		Map<String, String> distinct = new LinkedHashMap<>();
		String dropped = null;
		for (String target : list.split(",")) {
			if (target.isEmpty()) {
				continue;
			}
			String key = target.startsWith("#") ? target.toLowerCase(Locale.ROOT) : UserNames.key(target);
			if (distinct.containsKey(key)) {
				continue;
			}
			if (distinct.size() == max) {
				dropped = target;
				break;
			}
			distinct.put(key, target);
		}
		return new TargetList(new ArrayList<>(distinct.values()), dropped);
	}

}
