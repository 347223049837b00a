package io.parley.irc;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.parley.protocol.Reply;
import io.parley.protocol.ReplyEncoder;

/**
 * One IRC connection's protocol state (its nick, what it negotiated, how far registration has come) and the
 * encoder that renders replies for it: numerics name their recipient, so only the shared events
 * ({@link IrcEvents}) are encoded once for many. State is changed only by the thread handling the connection's lines (one at a time).
 * <p>
 * Longer than most classes here: as the {@link Reply.Renderer} it has one method for every kind of reply the core
 * makes, IRC's words for each; its length follows the reply catalogue, and the IRC-specific replies live in the
 * command classes beside it.
 */
final class IrcClient implements ReplyEncoder, Reply.Renderer<String> {

	private final IrcServer server;

	private final Set<String> capabilities = ConcurrentHashMap.newKeySet();

	/**
	 * Whether {@code server-time} is among the capabilities, kept apart because every room line asks it for every
	 * IRC member: a look-up in 200 members' sets per line was a fifth of the IRC fan-out's CPU.
	 */
	private volatile boolean serverTime;

	/** Whether {@code message-tags} is on: messages then carry their {@code msgid}. Kept apart as serverTime is. */
	private volatile boolean messageTags;

	/** The batch a block of history's pages are in, from its first page to its last; null between blocks. */
	private String historyBatch;

	/** Batches opened on this connection, for their ids. */
	private int batches;

	private volatile String nick;

	private String user;

	private String realName;

	private String password;

	private String saslAccount;

	private boolean saslStarted;

	private final StringBuilder saslBuffer = new StringBuilder();

	/** Reading past the rest of a SASL payload that was too long, until a chunk shorter than 400 ends it. */
	private boolean saslDiscarding;

	private boolean negotiating;

	private volatile boolean registered;

	private volatile boolean operator;

	private volatile boolean wallops;

	/** A guest's read markers (IrcReadMarkers): its own, as its nick is anybody's once it leaves. */
	private final java.util.Map<String, java.time.Instant> readMarkers = new ConcurrentHashMap<>();

	IrcClient(IrcServer server) {
		this.server = server;
	}

	String serverName() {
		return this.server.name();
	}

	/** The nick, or {@code *} before one is set: what numerics address the client by. */
	String me() {
		return (this.nick != null) ? this.nick : "*";
	}

	String nick() {
		return this.nick;
	}

	void nick(String nick) {
		this.nick = nick;
	}

	String user() {
		return this.user;
	}

	void user(String user) {
		this.user = user;
	}

	String realName() {
		return this.realName;
	}

	void realName(String realName) {
		this.realName = realName;
	}

	String password() {
		return this.password;
	}

	void password(String password) {
		this.password = password;
	}

	String saslAccount() {
		return this.saslAccount;
	}

	void saslAccount(String account) {
		this.saslAccount = account;
	}

	boolean saslStarted() {
		return this.saslStarted;
	}

	void saslStarted(boolean started) {
		this.saslStarted = started;
		this.saslBuffer.setLength(0);
	}

	boolean saslDiscarding() {
		return this.saslDiscarding;
	}

	void saslDiscarding(boolean discarding) {
		this.saslDiscarding = discarding;
	}

	StringBuilder saslBuffer() {
		return this.saslBuffer;
	}

	boolean negotiating() {
		return this.negotiating;
	}

	void negotiating(boolean negotiating) {
		this.negotiating = negotiating;
	}

	boolean registered() {
		return this.registered;
	}

	void registered(boolean registered) {
		this.registered = registered;
	}

	/** An IRC operator (OPER with an admin account's credentials), until the session ends or it sets -o. */
	boolean operator() {
		return this.operator;
	}

	void operator(boolean operator) {
		this.operator = operator;
	}

	private volatile boolean bot;

	private final java.util.Map<String, String> monitored = new ConcurrentHashMap<>();

	/** User mode {@code +B}: a bot (ISUPPORT BOT=B). */
	boolean bot() {
		return this.bot;
	}

	void bot(boolean bot) {
		this.bot = bot;
	}

	/** User mode {@code +w}: reads WALLOPS. */
	boolean wallops() {
		return this.wallops;
	}

	void wallops(boolean wallops) {
		this.wallops = wallops;
	}

	/** The user modes as {@code 221} shows them: always invisible, then wallops and operator when set. */
	String userModes() {
		return "+" + (this.bot ? "B" : "") + "i" + (this.wallops ? "w" : "") + (this.operator ? "o" : "");
	}

	java.util.Map<String, java.time.Instant> readMarkers() {
		return this.readMarkers;
	}

	/** The relayed client-only tags of the line being handled (IrcTagMessages); empty for none. */
	private String lineClientTags = "";

	/** Lines to send once the line being handled has had its replies (and their label): see IrcTagMessages. */
	private final java.io.ByteArrayOutputStream afterReplies = new java.io.ByteArrayOutputStream();

	String lineClientTags() {
		return this.lineClientTags;
	}

	void lineClientTags(String tags) {
		this.lineClientTags = tags;
	}

	void afterReplies(byte[] line) {
		this.afterReplies.writeBytes(line);
	}

	/** What {@link #afterReplies(byte[])} kept, now emptied; null for nothing. */
	byte[] takeAfterReplies() {
		if (this.afterReplies.size() == 0) {
			return null;
		}
		byte[] lines = this.afterReplies.toByteArray();
		this.afterReplies.reset();
		return lines;
	}

	/** This session's draft/metadata-3 values, in the order they were set (IrcMetadata); guarded by itself. */
	private final java.util.Map<String, String> metadata = Collections
		.synchronizedMap(new java.util.LinkedHashMap<>());

	/** The metadata keys this client subscribed to (IrcMetadata). */
	private final Set<String> metadataSubscriptions = ConcurrentHashMap.newKeySet();

	java.util.Map<String, String> metadata() {
		return this.metadata;
	}

	Set<String> metadataSubscriptions() {
		return this.metadataSubscriptions;
	}

	/** The nicks this client MONITORs, by key, as it named them (IrcMonitor). */
	java.util.Map<String, String> monitored() {
		return this.monitored;
	}

	Set<String> capabilities() {
		return Collections.unmodifiableSet(this.capabilities);
	}

	/** Turns a capability on, or off when {@code on} is false. */
	void capability(String name, boolean on) {
		if (on) {
			this.capabilities.add(name);
		}
		else {
			this.capabilities.remove(name);
		}
		this.serverTime = this.capabilities.contains("server-time");
		this.messageTags = this.capabilities.contains("message-tags");
	}

	boolean has(String capability) {
		return this.capabilities.contains(capability);
	}

	private boolean serverTime() {
		return this.serverTime;
	}

	/** A batch id unique on this connection: letters and digits, as the batch spec asks. */
	String nextBatchId() {
		return "b" + (++this.batches);
	}

	/** The client's own address as it sees itself in its echoes. */
	String mask() {
		return this.server.events(false).mask(me());
	}

	@Override
	public ReplyEncoder sharedFor(Reply reply) {
		return IrcEvents.renders(reply) ? this.server.events(serverTime(), this.messageTags) : null;
	}

	@Override
	public byte[] encode(Reply reply) {
		if (IrcEvents.renders(reply)) {
			return sharedFor(reply).encode(reply);
		}
		return reply.render(this).getBytes(StandardCharsets.UTF_8);
	}

	private IrcLine numeric(String numeric, String trailing, String... middle) {
		String[] params = new String[middle.length + 1];
		params[0] = me();
		System.arraycopy(middle, 0, params, 1, middle.length);
		return new IrcLine().add(null, this.server.name(), numeric, trailing, params);
	}

	private String notice(String text) {
		return new IrcLine().add(null, this.server.name(), "NOTICE", text, me()).toString();
	}

	@Override
	public String hello(Reply.Hello r) {
		return notice("*** " + r.server() + " " + r.version() + ": log in with SASL PLAIN or PASS");
	}

	@Override
	public String ok(Reply.Ok r) {
		return switch (r.command()) {
			case "join" -> new IrcLine().addPlain(null, mask(), "JOIN", "#" + r.detail()).toString();
			// detail: the room, then the reason if one was given
			case "leave" -> part(r.detail());
			case "passwd" -> notice("Your password has been changed");
			// detail: the room and the one invited
			case "invite" -> new IrcLine().addPlain(null, this.server.name(), "341", me(),
					r.detail().substring(r.detail().indexOf(' ') + 1), "#" + r.detail().substring(0, r.detail().indexOf(' ')))
				.toString();
			// a message to an account that is offline, kept for its next login (the detail: "<name> queued")
			case "msg" -> notice(r.detail().split(" ")[0]
					+ " is offline; your message is kept and delivered at their next login");
			// an IRCv3 standard reply a web client can read: NOTE FILETOKEN TOKEN <token> <seconds> :<upload URL>
			case "filetoken" -> fileToken(r.detail().split(" "));
			default -> notice(r.command() + " " + r.detail());
		};
	}

	private String part(String roomAndReason) {
		int space = roomAndReason.indexOf(' ');
		return (space < 0) ? new IrcLine().addPlain(null, mask(), "PART", "#" + roomAndReason).toString()
				: new IrcLine().add(null, mask(), "PART", roomAndReason.substring(space + 1),
						"#" + roomAndReason.substring(0, space)).toString();
	}

	private String fileToken(String[] tokenSecondsUrl) {
		return new IrcLine().add(null, this.server.name(), "NOTE", tokenSecondsUrl[2], "FILETOKEN", "TOKEN",
				tokenSecondsUrl[0], tokenSecondsUrl[1]).toString();
	}

	@Override
	public String error(Reply.Error r) {
		return IrcErrors.render(r, this::numeric).toString();
	}

	@Override
	public String refused(Reply.Refused r) {
		return IrcErrors.render(r.error(), this::numeric).toString();
	}

	@Override
	public String privateMessage(Reply.PrivateMessage r) {
		return shared(r);
	}

	@Override
	public String roomMessage(Reply.RoomMessage r) {
		return shared(r);
	}

	@Override
	public String broadcast(Reply.Broadcast r) {
		// a broadcast reaches each recipient as a notice from the sender to it; it names its recipient, so it is
		// encoded here rather than shared, and must add the server-time tag itself
		String tags = IrcEvents.tags(serverTime() ? r.time() : null, this.messageTags ? r.id() : null, null);
		return new IrcLine().addText(tags, this.server.events(false).mask(r.from()), "NOTICE", me(), r.text())
			.toString();
	}

	@Override
	public String notice(Reply.Notice r) {
		return new IrcLine().addText(null, this.server.name(), "NOTICE", me(), r.text()).toString();
	}

	@Override
	public String joined(Reply.Joined r) {
		return shared(r);
	}

	/** {@code :old!user@host NICK new}; the user name is the renamed user's, whichever name the directory has it under. */
	@Override
	public String renamed(Reply.Renamed r) {
		IrcDirectory directory = this.server.directory();
		String user = directory.identity(r.from())
			.or(() -> directory.identity(r.to()))
			.map(IrcDirectory.Identity::user)
			.orElse(r.from());
		return new IrcLine().addPlain(null, r.from() + "!" + user + "@" + this.server.host(), "NICK", r.to()).toString();
	}

	@Override
	public String left(Reply.Left r) {
		return shared(r);
	}

	@Override
	public String topicChanged(Reply.TopicChanged r) {
		return shared(r);
	}

	@Override
	public String modesChanged(Reply.ModesChanged r) {
		return shared(r);
	}

	@Override
	public String kicked(Reply.Kicked r) {
		return shared(r);
	}

	@Override
	public String invited(Reply.Invited r) {
		return shared(r);
	}

	/** Not asked for over IRC (its MODE, TOPIC and NAMES tell the same); a notice, should it come. */
	@Override
	public String roomInfo(Reply.RoomInfo r) {
		return notice("#" + r.room() + " owner " + ((r.owner() != null) ? r.owner() : "-") + ", " + r.members()
				+ " members");
	}

	@Override
	public String fileShared(Reply.FileShared r) {
		return shared(r);
	}

	private String shared(Reply r) {
		return new String(sharedFor(r).encode(r), StandardCharsets.UTF_8);
	}

	@Override
	public String who(Reply.Who r) {
		String channel = (r.room() != null) ? "#" + r.room() : "*";
		return who(channel, channel, r.users(), name -> false, name -> "", !r.more(), null).toString();
	}

	/**
	 * {@code 352} per user, flagged {@code H}ere or {@code G}one (away) and with the prefix of its role in the
	 * channel ({@code prefix}), then, on the {@code last} page of a long list, {@code 315} naming {@code mask}, the
	 * client's own WHO parameter; with {@code whox} (null for none), {@code 354} lines of the fields it asks for.
	 */
	IrcLine who(String mask, String channel, List<String> users, Predicate<String> away,
			java.util.function.Function<String, String> prefix, boolean last, IrcWhox whox) {
		IrcLine lines = new IrcLine();
		IrcDirectory directory = this.server.directory();
		for (String name : users) {
			IrcDirectory.Identity identity = directory.identity(name).orElse(null);
			String user = (identity != null) ? identity.user() : name;
			String realName = (identity != null) ? identity.realName() : name; // a line-protocol user's is its name
			String flags = (away.test(name) ? "G" : "H") + (directory.isBot(name) ? "B" : "")
					+ (directory.isOperator(name) ? "*" : "") + prefix.apply(name);
			if (whox != null) {
				whox.add(lines, this.server.name(), me(), new IrcWhox.Row(channel, user, this.server.host(),
						this.server.name(), name, flags, realName));
				continue;
			}
			lines.add(null, this.server.name(), "352", "0 " + realName, me(), channel, user, this.server.host(),
					this.server.name(), name, flags);
		}
		return last ? lines.add(null, this.server.name(), "315", "End of WHO list", me(), mask) : lines;
	}

	/** {@code 321} before the first page, {@code 322} per channel, {@code 323} after the last page. */
	@Override
	public String rooms(Reply.Rooms r) {
		IrcLine lines = new IrcLine();
		if (!r.continued()) {
			lines.add(null, this.server.name(), "321", "Users  Name", me(), "Channel");
		}
		for (Reply.RoomCount room : r.rooms()) {
			lines.add(null, this.server.name(), "322", "", me(), "#" + room.room(), String.valueOf(room.members()));
		}
		return r.more() ? lines.toString() : lines.add(null, this.server.name(), "323", "End of /LIST", me()).toString();
	}

	@Override
	public String pong(Reply.Pong r) {
		return new IrcLine().add(null, this.server.name(), "PONG", r.token(), this.server.name()).toString();
	}

	/** IRC clients answer {@code PONG} with the server's name, whatever the token. */
	@Override
	public String ping(Reply.Ping r) {
		return new IrcLine().add(null, null, "PING", this.server.name()).toString();
	}

	@Override
	public String help(Reply.Help r) {
		return notice(r.text());
	}

	@Override
	public String bye(Reply.Bye r) {
		return new IrcLine().add(null, null, "ERROR", "Closing Link: " + me() + " (" + IrcErrors.closingReason(r.reason()) + ")").toString();
	}

	/**
	 * Stored messages as the messages they were, with their own time and id (as this client's capabilities show
	 * them), in a {@code chathistory} batch when the client has {@code batch}: the page of a CHATHISTORY, a room's
	 * last lines after a JOIN, the private messages kept while this user was offline. A block's pages share one
	 * batch, opened on its first page and closed on its last.
	 */
	@Override
	public String history(Reply.History r) {
		IrcLine lines = new IrcLine();
		boolean batch = has("batch");
		if (batch && r.first()) {
			this.historyBatch = nextBatchId();
			String target = switch (r.purpose()) {
				case PAGE -> r.target(); // as the client named it in its CHATHISTORY
				case JOIN -> "#" + r.target();
				case OFFLINE -> me();
			};
			lines.addPlain(null, this.server.name(), "BATCH", "+" + this.historyBatch, "chathistory", target);
		}
		String inBatch = batch ? this.historyBatch : null;
		IrcEvents plain = this.server.events(false);
		for (Reply.HistoryLine line : r.lines()) {
			String tags = IrcEvents.tags(serverTime() ? line.time() : null, this.messageTags ? line.id() : null,
					inBatch);
			String target = (line.room() != null) ? "#" + line.room() : line.to();
			lines.addText(tags, plain.mask(line.from()), line.noReply() ? "NOTICE" : "PRIVMSG", target, line.text());
		}
		if (batch && r.last() && this.historyBatch != null) {
			lines.addPlain(null, this.server.name(), "BATCH", "-" + this.historyBatch);
			this.historyBatch = null;
		}
		return lines.toString();
	}

	/** Lines of a numeric reply to this client, for the command handlers. */
	IrcLine reply(String numeric, String trailing, String... middle) {
		return numeric(numeric, trailing, middle);
	}

	List<String> motd() {
		return this.server.motd();
	}

}
