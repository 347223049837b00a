package io.parley.protocol;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one place that enforces a command table's rules: the command exists, the session is logged in if the
 * command needs it, and the arguments fit the arity. Handlers never repeat these checks. A refusal is a
 * {@link ChatError}, which the protocol words.
 *
 * @param <S> the session type handlers act on
 */
public final class CommandDispatcher<S> {

	private final Predicate<S> loggedIn;

	private final BiConsumer<S, ChatError> refuse;

	/**
	 * @param loggedIn whether a session is logged in
	 * @param refuse tells a session why its command was refused
	 */
	public CommandDispatcher(Predicate<S> loggedIn, BiConsumer<S, ChatError> refuse) {
		this.loggedIn = loggedIn;
		this.refuse = refuse;
	}

	/**
	 * @param arguments splits the command's arguments the way its protocol does, for the arity of the
	 * command found; null when they do not fit
	 */
	public void dispatch(S session, CommandTable<S> table, String name, Function<Arity, List<String>> arguments) {
		table.find(name)
			.ifPresentOrElse(spec -> dispatch(session, spec, arguments), () -> this.refuse.accept(session,
					ChatError.of(ChatError.Kind.UNKNOWN_COMMAND, TextCleaner.excerpt(name))));
	}

	/**
	 * Whether dispatching the command {@code name} cannot wait ({@link CommandSpec#neverWaits}). A refusal never
	 * waits either, but is rare: false for it keeps this simple. False is always safe.
	 */
	public boolean neverWaits(S session, CommandTable<S> table, String name, Function<Arity, List<String>> arguments) {
		CommandSpec<S> spec = table.find(name).orElse(null);
		return spec != null && neverWaits(session, spec, arguments);
	}

	public boolean neverWaits(S session, CommandSpec<S> spec, Function<Arity, List<String>> arguments) {
		if (spec.loginRequired() && !this.loggedIn.test(session)) {
			return false;
		}
		List<String> args = arguments.apply(spec.arity());
		return args != null && spec.neverWaits().test(session, args);
	}

	public void dispatch(S session, CommandSpec<S> spec, Function<Arity, List<String>> arguments) {
		if (spec.loginRequired() && !this.loggedIn.test(session)) {
			this.refuse.accept(session, ChatError.of(ChatError.Kind.LOGIN_FIRST, spec.name()));
			return;
		}
		List<String> args = arguments.apply(spec.arity());
		if (args == null) {
			this.refuse.accept(session, ChatError.of(ChatError.Kind.USAGE, spec.name(), spec.usage()));
			return;
		}
		spec.handler().accept(session, args);
	}

}
