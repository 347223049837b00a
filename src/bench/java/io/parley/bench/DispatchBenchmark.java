package io.parley.bench;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

import io.parley.line.LineCodec;
import io.parley.line.ParsedLine;
import io.parley.protocol.Arity;
import io.parley.protocol.CommandDispatcher;
import io.parley.protocol.CommandSpec;
import io.parley.protocol.CommandTable;
import io.parley.line.LineCodec;
import io.parley.line.ParsedLine;
import io.parley.protocol.Reply;
import io.parley.protocol.ReplyEncoder;
import io.parley.session.ChatProtocol;
import io.parley.session.Connection;
import io.parley.session.SendQueue;
import io.parley.session.Session;
import io.parley.system.ParleyMetrics;

/**
 * A client line from text to its handler: parsed by the codec, looked up in a command table shaped like the
 * line protocol's, checked for login and arity by the dispatcher. Handlers do nothing, so this is the
 * cost of dispatch alone; an unknown command includes its error reply being encoded and queued.
 */
public class DispatchBenchmark extends MicroBenchmark {

	private final LineCodec codec = new LineCodec();

	private final CommandDispatcher<Session> dispatcher = new CommandDispatcher<>(Session::isLoggedIn,
			(session, error) -> session.send(new Reply.Refused(error)));

	private CommandTable<Session> table;

	private CommandSpec<Session> plainText;

	private Session session;

	private Blackhole blackhole;

	@Setup
	public void setUp(Blackhole blackhole) {
		this.blackhole = blackhole;
		List<String> names = List.of("register", "login", "guest", "msg", "join", "leave", "say", "all", "who",
				"rooms", "passwd", "ping", "pong", "help", "quit");
		this.table = new CommandTable<>(names.stream()
			.map(name -> CommandSpec.<Session>afterLogin(name, name.equals("msg") || name.equals("say")
					? Arity.wordsThenText(1) : Arity.optionalText(), "/" + name, name, this::handle))
			.toList());
		this.plainText = CommandSpec.afterLogin("", Arity.wordsThenText(0), "<text>", "say", this::handle);
		SendQueue out = new SendQueue(1L << 40, Runnable::run, bytes -> {
		}, () -> {
		}, (messages, oldestNanos) -> {
		});
		ChatProtocol protocol = new ChatProtocol() {
			@Override
			public String name() {
				return "line";
			}

			@Override
			public ReplyEncoder newEncoder() {
				return DispatchBenchmark.this.codec;
			}

			@Override
			public void opened(Session session) {
			}

			@Override
			public void line(Session session, String line) {
			}

			@Override
			public void oversized(Session session, long length, int limit) {
			}
		};
		Connection connection = new Connection() {
			@Override
			public void write(byte[] bytes) {
			}

			@Override
			public void close() {
			}

			@Override
			public String remoteAddress() {
				return "127.0.0.1:1";
			}

			@Override
			public boolean isSecure() {
				return false;
			}

			@Override
			public void pauseReadingUntil(long nanoTime) {
			}
		};
		this.session = new Session("bench", protocol, connection, 4096, out, null, Duration.ofSeconds(1),
				new ParleyMetrics(new SimpleMeterRegistry()), null);
		this.session.loggedInAs("alice", false);
	}

	private void handle(Session s, List<String> args) {
		this.blackhole.consume(args);
	}

	@Benchmark
	public void privateMessage() {
		dispatch("/msg bob are you coming to the review at three?");
	}

	@Benchmark
	public void plainTextToRoom() {
		dispatch("hello everyone, the build is green again");
	}

	@Benchmark
	public void unknownCommand() {
		dispatch("/frobnicate now");
	}

	private void dispatch(String line) {
		ParsedLine parsed = this.codec.parse(line);
		if (parsed instanceof ParsedLine.Command command) {
			this.dispatcher.dispatch(this.session, this.table, command.name(), arity -> arity.split(command.argText()));
		}
		else if (parsed instanceof ParsedLine.Text text) {
			this.dispatcher.dispatch(this.session, this.plainText, arity -> List.of(text.text()));
		}
	}

}
