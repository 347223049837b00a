package io.parley.chat;

import io.parley.protocol.RoomMode;

/**
 * Who may do what in a room: the one table of actions and the least role each needs, as the command tables
 * declare login and arity. {@link Room} checks it, for every protocol, before any action runs; no handler checks
 * roles itself. A server admin may do everything an owner may.
 */
public enum RoomAction {

	/** Say something in the room. */
	SPEAK(RoomRole.MEMBER, "speak"),
	/** Say something in a moderated room. */
	SPEAK_MODERATED(RoomRole.VOICE, "speak in a moderated room"),
	SET_TOPIC(RoomRole.MEMBER, "set the topic"),
	/** Set the topic while it is locked to operators (the default). */
	SET_LOCKED_TOPIC(RoomRole.OPERATOR, "set the topic"),
	INVITE(RoomRole.MEMBER, "invite"),
	/** Invite into an invite-only room. */
	INVITE_TO_INVITE_ONLY(RoomRole.OPERATOR, "invite"),
	KICK(RoomRole.OPERATOR, "kick"),
	BAN(RoomRole.OPERATOR, "ban"),
	MUTE(RoomRole.OPERATOR, "mute"),
	GIVE_VOICE(RoomRole.OPERATOR, "give or take voice"),
	EDIT_INVITE_LIST(RoomRole.OPERATOR, "change the invite list"),
	SET_FLAGS(RoomRole.OPERATOR, "change the room's flags"),
	/** In a room nobody owns (made by a guest), operators appoint operators, as on any IRC server. */
	APPOINT_OPERATOR(RoomRole.OWNER, RoomRole.OPERATOR, "appoint or remove operators"),
	TRANSFER(RoomRole.OWNER, "hand the room over");

	private final RoomRole least;

	/** The least role in a room nobody owns; the same as {@link #least} but for appointing operators. */
	private final RoomRole leastUnowned;

	private final String words;

	RoomAction(RoomRole least, String words) {
		this(least, least, words);
	}

	RoomAction(RoomRole least, RoomRole leastUnowned, String words) {
		this.least = least;
		this.leastUnowned = leastUnowned;
		this.words = words;
	}

	/** The least role the action needs in a room nobody owns. */
	public RoomRole leastUnowned() {
		return this.leastUnowned;
	}

	/** Whether {@code role} may do it in a room that is {@code owned} (or not: made by a guest). */
	public boolean allows(RoomRole role, boolean serverAdmin, boolean owned) {
		return serverAdmin || role.atLeast(owned ? this.least : this.leastUnowned);
	}

	/** The least role the action needs. */
	public RoomRole least() {
		return this.least;
	}

	/** What the action is, for an error's text: "you need to be an operator to {@code words}". */
	public String words() {
		return this.words;
	}

	public boolean allows(RoomRole role, boolean serverAdmin) {
		return serverAdmin || role.atLeast(this.least);
	}

	/** The action a change of {@code mode} is. */
	static RoomAction changing(RoomMode mode) {
		return switch (mode) {
			case OWNER -> TRANSFER;
			case OPERATOR -> APPOINT_OPERATOR;
			case VOICE -> GIVE_VOICE;
			case BAN -> BAN;
			case MUTE -> MUTE;
			case INVITE -> EDIT_INVITE_LIST;
			case TOPIC_LOCK, INVITE_ONLY, MODERATED, SECRET, KEY, LIMIT -> SET_FLAGS;
		};
	}

}
