package io.parley.irc;

import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import io.parley.chat.Broadcasts;
import io.parley.chat.JoinReplay;
import io.parley.chat.Listings;
import io.parley.chat.Logins;
import io.parley.chat.PrivateMessages;
import io.parley.chat.RoomModeration;
import io.parley.chat.RoomProperties;
import io.parley.chat.Rooms;
import io.parley.chat.UserStatus;
import io.parley.history.HistoryReader;
import io.parley.files.FileSharing;
import io.parley.limits.LimitProperties;
import io.parley.tcp.ListenerBeans;
import io.parley.websocket.WebSocketDoor;

/**
 * The IRC listeners ({@link ListenerBeans}): NET server connection factories of their own, each with its
 * inbound and outbound adapters, feeding the same chat services as the line protocol through
 * {@link IrcCommands}. The plain one is off with {@code parley.irc.enabled=false}, the TLS one on with
 * {@code parley.irc.tls.enabled=true}; with neither, there is no IRC at all.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${parley.irc.enabled:true} or ${parley.irc.tls.enabled:false}")
@Import(IrcServerConfiguration.IrcListeners.class)
class IrcServerConfiguration {

	/** IRC users' USER fields and WHOWAS; told of every session's end, as the chat core is. */
	@Bean
	IrcDirectory ircDirectory() {
		return new IrcDirectory();
	}

	@Bean
	IrcCommands ircCommands(Logins logins, Rooms rooms, PrivateMessages messages, Broadcasts broadcasts,
			Listings listings, UserStatus users, RoomModeration moderation, RoomProperties roomRules,
			IrcProperties properties, LimitProperties limits, ObjectProvider<BuildProperties> build,
			FileSharing files, ObjectProvider<HistoryReader> history, ObjectProvider<JoinReplay> replay,
			IrcDirectory directory) {
		BuildProperties buildProperties = build.getIfAvailable();
		HistoryReader reader = history.getIfAvailable();
		IrcServer server = new IrcServer(properties, (buildProperties != null) ? buildProperties.getVersion() : "dev",
				reader != null, (reader != null) ? reader.maxPage() : 0, directory);
		IrcTargets targets = new IrcTargets(limits, roomRules);
		IrcIsupport isupport = new IrcIsupport(server, targets, files);
		IrcReadMarkers readMarkers = new IrcReadMarkers(users, server);
		IrcMonitor monitor = new IrcMonitor(server, users);
		IrcAwayNotify awayNotify = new IrcAwayNotify(users, listings, server);
		IrcMetadata metadata = new IrcMetadata(server, listings, users, moderation);
		directory.monitor(monitor);
		return new IrcCommands(server, logins, listings, new IrcRegistration(logins, server, isupport, metadata),
				new IrcMessaging(messages, rooms, broadcasts, listings, users, targets,
						new IrcStatusMessages(server, moderation)),
				new IrcChannels(rooms, listings, users, server, targets, moderation, replay.getIfAvailable(),
						readMarkers, awayNotify, metadata),
				new IrcChannelModes(moderation, server, targets), new IrcQueries(listings, users, server, moderation,
						awayNotify, metadata),
				new IrcHistory(reader), files, new IrcServerQueries(listings, server, isupport),
				new IrcOperators(logins, users, server), readMarkers, monitor, metadata,
				new IrcTagMessages(server, listings, users, targets), new IrcSetname(server, awayNotify));
	}

	/** IRC through the WebSocket door on the HTTP port, per the IRCv3 WebSocket specification. */
	@Bean
	WebSocketDoor ircWebSocketDoor(IrcCommands commands) {
		return new WebSocketDoor(commands, "text.ircv3.net", "binary.ircv3.net");
	}

	/**
	 * The IRC listeners: the plain one unless {@code parley.irc.enabled=false}, the TLS one
	 * ({@code parley.irc.tls.*}, port 6697) when enabled.
	 */
	static class IrcListeners implements BeanRegistrar {

		@Override
		public void register(BeanRegistry registry, Environment environment) {
			ListenerBeans.register(registry, environment, "irc", "parley.irc", IrcCommands.class, IrcProperties.class);
		}

	}

}
