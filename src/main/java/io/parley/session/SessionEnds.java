package io.parley.session;

/**
 * Told when a session's connection is gone, after the session feature has let go of it: how the chat core
 * takes the user out of its rooms without the transport or the session feature knowing the chat core. Every
 * bean of this type is told, on whatever thread saw the close.
 */
@FunctionalInterface
public interface SessionEnds {

	void sessionEnded(Session session);

}
