package io.parley.tcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The TLS of one listener, set up once at start-up: the server's key from its key store, the TLS versions it
 * offers, and how a failed handshake ends a connection. Every TLS listener, whatever its protocol, is made
 * from a plain one with an engine per connection ({@link #newEngine}).
 * <p>
 * The key store is read here rather than through {@code DefaultTcpSSLContextSupport}, which insists on a trust
 * store (a server without client certificates has no use for one) and unlocks the key with the store's
 * password. Reading it here, while the application starts, also lets a missing file or a wrong password stop
 * the start with a message ({@link TlsSetupException}) instead of failing each accept later.
 */
final class ServerTls {

	private final SSLContext context;

	/**
	 * The cipher suites offered, as Mozilla's "intermediate" profile has them: TLS 1.3's (all AEAD), and for
	 * TLS 1.2 only ECDHE key exchange with AES-GCM or ChaCha20-Poly1305; no CBC suites (padding oracles,
	 * Lucky 13), no SHA-1 MACs, no static RSA key exchange (no forward secrecy).
	 */
	private static final Pattern AEAD_SUITE = Pattern.compile(
			"TLS_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256"
					+ "|ECDHE_(ECDSA|RSA)_WITH_(AES_128_GCM_SHA256|AES_256_GCM_SHA384|CHACHA20_POLY1305_SHA256))");

	private final String[] protocols;

	private final String[] cipherSuites;

	private ServerTls(SSLContext context, String[] protocols) {
		this.context = context;
		this.protocols = protocols;
		// in the JDK's order of preference, which puts the strongest first
		this.cipherSuites = Arrays.stream(context.getDefaultSSLParameters().getCipherSuites())
			.filter(suite -> AEAD_SUITE.matcher(suite).matches())
			.toArray(String[]::new);
	}

	/**
	 * Reads the key store that {@code tls} names; {@code prefix} ({@code parley.tcp.tls}) names the keys in
	 * messages.
	 * @throws TlsSetupException when the key store is missing or unreadable, a password is wrong, or a
	 * protocol is unknown
	 */
	static ServerTls load(String prefix, TlsProperties tls) {
		if (tls.keyStore().isBlank()) {
			throw new TlsSetupException(prefix + ".key-store is not set, so the TLS listener has no key",
					"Set " + prefix + ".key-store to a PKCS12 file holding the server's key and certificate "
							+ "(bin/dev-keystore.sh makes one for development), or set " + prefix
							+ ".enabled=false.");
		}
		Path path = Path.of(tls.keyStore()).toAbsolutePath().normalize();
		KeyStore store = read(prefix, path, tls.keyStorePassword());
		KeyManagerFactory keys = unlock(prefix, path, store, tls.effectiveKeyPassword());
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), null, null);
			return new ServerTls(context, supported(prefix, context, tls.protocols()));
		}
		catch (GeneralSecurityException ex) {
			throw new TlsSetupException("TLS cannot be set up with the key in " + path + ": " + ex.getMessage(),
					"Check " + prefix + ".key-store.");
		}
	}

	private static KeyStore read(String prefix, Path path, String password) {
		if (!Files.isRegularFile(path)) {
			throw new TlsSetupException("There is no key store at " + path + " (" + prefix + ".key-store)",
					"Point " + prefix + ".key-store at the server's PKCS12 file, or create a development one with "
							+ "bin/dev-keystore.sh.");
		}
		try {
			return KeyStore.getInstance(path.toFile(), password.toCharArray());
		}
		catch (IOException ex) {
			if (ex.getCause() instanceof UnrecoverableKeyException) {
				throw new TlsSetupException(prefix + ".key-store-password does not open the key store " + path,
						"Set " + prefix + ".key-store-password to the key store's password (environment variable "
								+ envName(prefix + ".key-store-password") + ").");
			}
			throw new TlsSetupException("The key store " + path + " cannot be read: " + ex.getMessage(),
					"Check that " + prefix + ".key-store is a PKCS12 (or JKS) file.");
		}
		catch (GeneralSecurityException ex) {
			throw new TlsSetupException("The file " + path + " is not a key store: " + ex.getMessage(),
					"Point " + prefix + ".key-store at a PKCS12 (or JKS) file.");
		}
	}

	/**
	 * The key managers, once every key in the store has been unlocked here: the default key manager would
	 * otherwise try the password only in a client's handshake, and every handshake would fail.
	 */
	private static KeyManagerFactory unlock(String prefix, Path path, KeyStore store, String password) {
		try {
			List<String> keyAliases = new ArrayList<>();
			for (String alias : Collections.list(store.aliases())) {
				if (store.isKeyEntry(alias)) {
					keyAliases.add(alias);
				}
			}
			if (keyAliases.isEmpty()) {
				throw new TlsSetupException("The key store " + path + " holds no private key, only certificates",
						"Point " + prefix + ".key-store at a key store with the server's key and certificate.");
			}
			for (String alias : keyAliases) {
				store.getKey(alias, password.toCharArray());
			}
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(store, password.toCharArray());
			return keys;
		}
		catch (UnrecoverableKeyException ex) {
			throw new TlsSetupException("The key in " + path + " cannot be unlocked with "
					+ (prefix + ".key-password") + " (or, when that is empty, " + prefix + ".key-store-password)",
					"Set " + prefix + ".key-password to the key's password.");
		}
		catch (GeneralSecurityException ex) {
			throw new TlsSetupException("The key in " + path + " cannot be used: " + ex.getMessage(),
					"Check " + prefix + ".key-store.");
		}
	}

	private static String[] supported(String prefix, SSLContext context, List<String> protocols) {
		Set<String> known = Set.of(context.getSupportedSSLParameters().getProtocols());
		for (String protocol : protocols) {
			if (!known.contains(protocol)) {
				throw new TlsSetupException(prefix + ".protocols names " + protocol
						+ ", which this JVM does not know; it knows " + known,
						"Set " + prefix + ".protocols to TLS versions such as TLSv1.3, TLSv1.2.");
			}
		}
		return protocols.toArray(String[]::new);
	}

	private static String envName(String key) {
		return key.toUpperCase().replace('.', '_').replace('-', '_');
	}

	/**
	 * An engine for one accepted connection, offering only the configured versions and cipher suites. Not the
	 * JDK's defaults: they change with the JDK and its {@code java.security}, and still include CBC suites with
	 * SHA-1 MACs for TLS 1.2. The handshake runs on the connection's event loop ({@link TlsNioConnection}), never
	 * on the accept thread, so a slow or silent client holds up nobody else.
	 */
	SSLEngine newEngine() {
		SSLEngine engine = this.context.createSSLEngine();
		engine.setUseClientMode(false);
		engine.setEnabledProtocols(this.protocols);
		engine.setEnabledCipherSuites(this.cipherSuites);
		return engine;
	}

}
