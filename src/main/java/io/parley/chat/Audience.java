package io.parley.chat;

import io.parley.session.Delivery;
import io.parley.session.Session;

/**
 * The local sessions an event reaches (a room's members, a user's sessions, everyone online). It travels with
 * the event as a header of its message on this node only: a cluster bridge would find the audience on its own
 * node.
 */
@FunctionalInterface
interface Audience {

	/** Sends {@code delivery} to every session of the audience but {@code except}; returns how many got it. */
	int deliver(Delivery delivery, Session except);

}
