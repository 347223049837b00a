package io.parley.protocol;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * One command, declared once: its name, its arity, whether it needs a logged-in session, how it is used
 * and what it does. The dispatcher enforces name, login and arity, so a handler only does its work.
 *
 * @param <S> the session type handlers act on
 * @param neverWaits whether, for these arguments, the handler cannot wait for anything (a database, a password
 * hash, another node): only memory and queues. A transport's I/O thread may then handle the line itself rather than
 * hand it to a worker ({@link io.parley.session.ChatProtocol#neverWaits}); false for every command unless it says so
 */
public record CommandSpec<S>(String name, Arity arity, boolean loginRequired, String usage, String summary,
		BiConsumer<S, List<String>> handler, BiPredicate<S, List<String>> neverWaits) {

	public static <S> CommandSpec<S> beforeLogin(String name, Arity arity, String usage, String summary,
			BiConsumer<S, List<String>> handler) {
		return new CommandSpec<>(name, arity, false, usage, summary, handler, (session, args) -> false);
	}

	public static <S> CommandSpec<S> afterLogin(String name, Arity arity, String usage, String summary,
			BiConsumer<S, List<String>> handler) {
		return new CommandSpec<>(name, arity, true, usage, summary, handler, (session, args) -> false);
	}

	/** A command usable before login that says when it never waits ({@code neverWaits}, given the arguments). */
	public static <S> CommandSpec<S> beforeLogin(String name, Arity arity, String usage, String summary,
			BiConsumer<S, List<String>> handler, BiPredicate<S, List<String>> neverWaits) {
		return new CommandSpec<>(name, arity, false, usage, summary, handler, neverWaits);
	}

	/** A command usable after login that says when it never waits ({@code neverWaits}, given the arguments). */
	public static <S> CommandSpec<S> afterLogin(String name, Arity arity, String usage, String summary,
			BiConsumer<S, List<String>> handler, BiPredicate<S, List<String>> neverWaits) {
		return new CommandSpec<>(name, arity, true, usage, summary, handler, neverWaits);
	}

}
