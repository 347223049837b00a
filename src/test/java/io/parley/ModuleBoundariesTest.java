package io.parley;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The module boundaries of docs/architecture.md, on the compiled classes: each top-level package under
 * {@code io.parley} is a module. No cycles between them; the chat core knows no protocol and no transport; the
 * session feature knows no protocol, no transport and not the chat core (which hears of a session's end through
 * {@code SessionEnds}); the TCP transport knows only the session feature of the chat server's modules; accounts
 * know no sessions (a password hash no longer releases a session's held writers).
 * <p>
 * ArchUnit rather than Spring Modulith's {@code ApplicationModules.verify()}: Modulith also treats every
 * module's sub-packages as internal and wants named interfaces for what modules share (the {@code protocol}
 * package's replies and error codes are used by every protocol and by the core today); these rules check what
 * issue 14 requires now, and each allowed exception is written below with its reason.
 */
class ModuleBoundariesTest {

	private static final JavaClasses PARLEY = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.parley");

	@Test
	void noCyclesBetweenModules() {
		slices().matching("io.parley.(*)..").should().beFreeOfCycles().check(PARLEY);
	}

	@Test
	void theChatCoreKnowsNoProtocolAndNoTransport() {
		// allowed for now: io.parley.protocol (Reply, ErrorCode, the line protocol's codec types), which the chat
		// core still renders replies with until the other half of issue 14 moves the line protocol to
		// io.parley.line and leaves the core its events and error codes
		noClasses().that()
			.resideInAPackage("io.parley.chat..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.parley.irc..", "io.parley.line..", "io.parley.tcp..")
			.check(PARLEY);
	}

	@Test
	void theTransportKnowsOnlyTheSessionFeature() {
		noClasses().that()
			.resideInAPackage("io.parley.tcp..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.parley.chat..", "io.parley.irc..", "io.parley.line..", "io.parley.account..",
					"io.parley.admin..")
			.check(PARLEY);
	}

	@Test
	void sessionsKnowNoProtocolTransportOrChat() {
		// allowed: io.parley.protocol (Reply, ReplyEncoder: what a session queues and how its protocol encodes
		// it), io.parley.limits (the flood budget, connection limits), io.parley.system (metrics)
		noClasses().that()
			.resideInAPackage("io.parley.session..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.parley.chat..", "io.parley.irc..", "io.parley.line..", "io.parley.tcp..",
					"io.parley.account..", "io.parley.admin..")
			.check(PARLEY);
	}

	@Test
	void theWebSocketTransportKnowsOnlyTheSessionFeature() {
		// allowed: io.parley.system (metrics, log escaping); a protocol declares its door (irc.IrcServerConfiguration)
		noClasses().that()
			.resideInAPackage("io.parley.websocket..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.parley.chat..", "io.parley.irc..", "io.parley.line..", "io.parley.tcp..",
					"io.parley.account..", "io.parley.admin..", "io.parley.web..")
			.check(PARLEY);
	}

	@Test
	void theWebPageKnowsOnlyWhereItsDoorIs() {
		// the page speaks IRC over the door from the browser: the server side only serves it and opens its paths
		noClasses().that()
			.resideInAPackage("io.parley.web..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.parley.chat..", "io.parley.irc..", "io.parley.line..", "io.parley.tcp..",
					"io.parley.account..", "io.parley.admin..", "io.parley.session..")
			.check(PARLEY);
	}

	@Test
	void accountsKnowNoSessions() {
		noClasses().that()
			.resideInAPackage("io.parley.account..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.parley.session..", "io.parley.tcp..")
			.check(PARLEY);
	}

	@Test
	void historyKnowsNoProtocolAndNoTransport() {
		// history (issue 17) subscribes to the chat core's events and answers every protocol's reads; each protocol
		// words its pages itself (line.LineHistory, irc.IrcHistory)
		noClasses().that()
			.resideInAPackage("io.parley.history..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.parley.irc..", "io.parley.line..", "io.parley.tcp..", "io.parley.admin..")
			.check(PARLEY);
	}

	/**
	 * File sharing (issue 20) is a feature beside the chat core: it uses the core to share (chat), accounts to know
	 * who uploads, sessions for the commands' replies; the protocols call it, never the other way, and the admin
	 * API lists its files, not the other way either.
	 */
	@Test
	void filesKnowNoProtocolTransportOrAdmin() {
		noClasses().that()
			.resideInAPackage("io.parley.files..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.parley.irc..", "io.parley.line..", "io.parley.tcp..", "io.parley.admin..")
			.check(PARLEY);
	}

	/**
	 * The key directory (issue 21) holds public keys and knows nothing of chat: an envelope travels as a private
	 * message the core does not read, and the only thing both know is {@code protocol.EncryptedEnvelope}. It uses
	 * accounts to know who publishes; the admin API revokes through it, never the other way.
	 */
	@Test
	void keysKnowOnlyAccountsAndProtocol() {
		noClasses().that()
			.resideInAPackage("io.parley.keys..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.parley.chat..", "io.parley.session..", "io.parley.irc..", "io.parley.line..",
					"io.parley.tcp..", "io.parley.websocket..", "io.parley.history..", "io.parley.admin..",
					"io.parley.files..")
			.check(PARLEY);
	}

	@Test
	void theChatCoreKnowsNoHistory() {
		// the core calls history through its own ports (chat.OfflineMessages, chat.JoinReplay), which history implements
		noClasses().that()
			.resideInAPackage("io.parley.chat..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.parley.history..")
			.check(PARLEY);
	}

	/**
	 * Sockets are the transport's alone (issue 15): only its event loops read and write them, so no other module
	 * can block a loop or write around a session's send queue. The WebSocket transport writes through Tomcat's
	 * connector, whose asynchronous write reports through {@link java.nio.channels.CompletionHandler}: that callback
	 * type is all it may use of the package.
	 */
	@Test
	void onlyTheTransportTouchesSockets() {
		noClasses().that()
			.resideOutsideOfPackage("io.parley.tcp..")
			.should()
			.dependOnClassesThat(DescribedPredicate.describe("are sockets, channels or TLS (not a completion callback)",
					(JavaClass type) -> (type.getPackageName().startsWith("java.nio.channels")
							|| type.getPackageName().startsWith("javax.net.ssl"))
							&& !type.isEquivalentTo(java.nio.channels.CompletionHandler.class)))
			.check(PARLEY);
		noClasses().that()
			.resideOutsideOfPackages("io.parley.tcp..", "io.parley.websocket..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("java.nio.channels..", "javax.net.ssl..")
			.check(PARLEY);
	}

	/**
	 * Cluster mode (issue 22) is a subscriber of the chat core's events and the implementation of its port
	 * (chat.ClusterLink): it uses the core, sessions and accounts (name keys), never a protocol, a transport, history
	 * or the admin API; and the core calls it only through that port.
	 */
	@Test
	void theClusterKnowsNoProtocolTransportHistoryOrAdmin() {
		noClasses().that()
			.resideInAPackage("io.parley.cluster..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.parley.irc..", "io.parley.line..", "io.parley.tcp..", "io.parley.websocket..",
					"io.parley.history..", "io.parley.files..", "io.parley.admin..")
			.check(PARLEY);
		noClasses().that()
			.resideInAPackage("io.parley.chat..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.parley.cluster..")
			.check(PARLEY);
	}

}
