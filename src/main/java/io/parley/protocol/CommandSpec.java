package io.parley.protocol;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * One command, declared once: its name, its arity, whether it needs a logged-in session, how it is used
 * and what it does. The dispatcher enforces name, login and arity, so a handler only does its work.
 *
 * @param <S> the session type handlers act on
 */
public record CommandSpec<S>(String name, Arity arity, boolean loginRequired, String usage, String summary,
		BiConsumer<S, List<String>> handler) {

	public static <S> CommandSpec<S> beforeLogin(String name, Arity arity, String usage, String summary,
			BiConsumer<S, List<String>> handler) {
		return new CommandSpec<>(name, arity, false, usage, summary, handler);
	}

	public static <S> CommandSpec<S> afterLogin(String name, Arity arity, String usage, String summary,
			BiConsumer<S, List<String>> handler) {
		return new CommandSpec<>(name, arity, true, usage, summary, handler);
	}

}
