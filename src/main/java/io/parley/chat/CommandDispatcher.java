package io.parley.chat;

import java.util.List;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.parley.protocol.Arity;
import io.parley.protocol.CommandSpec;
import io.parley.protocol.CommandTable;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.TextCleaner;
import io.parley.session.Session;

/**
 * The one place that enforces a command table's rules: the command exists, the session is logged in if the
 * command needs it, and the arguments fit the arity. Handlers never repeat these checks.
 */
@Component
public class CommandDispatcher {

	/**
	 * @param arguments splits the command's arguments the way its protocol does, for the arity of the
	 * command found; null when they do not fit
	 */
	public void dispatch(Session session, CommandTable<Session> table, String name,
			Function<Arity, List<String>> arguments) {
		table.find(name)
			.ifPresentOrElse(spec -> dispatch(session, spec, arguments), () -> ChatService.error(session,
					ErrorCode.UNKNOWN_COMMAND, "/" + TextCleaner.excerpt(name) + " is not a command; /help lists the commands",
					TextCleaner.excerpt(name)));
	}

	public void dispatch(Session session, CommandSpec<Session> spec, Function<Arity, List<String>> arguments) {
		if (spec.loginRequired() && !session.isLoggedIn()) {
			ChatService.error(session, ErrorCode.AUTH_REQUIRED,
					"log in first: /login <name> <password>, or /register <name> <password> for a new account",
					spec.name());
			return;
		}
		List<String> args = arguments.apply(spec.arity());
		if (args == null) {
			ChatService.error(session, ErrorCode.BAD_SYNTAX, "usage: " + spec.usage(), spec.name());
			return;
		}
		spec.handler().accept(session, args);
	}


}
