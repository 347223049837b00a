package io.parley.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A self-signed key store for {@code localhost}, made once per test JVM with the running JDK's keytool, the way
 * {@code bin/dev-keystore.sh} makes the development one; and TLS clients that trust it and nothing else.
 */
public final class TestKeyStore {

	public static final String PASSWORD = "test-store-1";

	private static Path path;

	private static SSLContext clientContext;

	private TestKeyStore() {
	}

	/** The PKCS12 file, generated at the first call. */
	public static synchronized Path path() {
		if (path == null) {
			try {
				Path dir = Files.createTempDirectory("parley-tls-");
				Path file = dir.resolve("parley-test.p12");
				Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
						"-genkeypair", "-alias", "parley", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
						"-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
						"-keystore", file.toString(), "-storepass", PASSWORD)
					.redirectErrorStream(true)
					.start();
				String output = new String(keytool.getInputStream().readAllBytes());
				assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
				assertThat(keytool.exitValue()).as("keytool: " + output).isZero();
				file.toFile().deleteOnExit();
				dir.toFile().deleteOnExit();
				path = file;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		return path;
	}

	/** Turns both TLS listeners on with this key store, for a test's {@code @DynamicPropertySource}. */
	public static void tlsListeners(DynamicPropertyRegistry registry) {
		for (String setting : tlsSettings()) {
			int equals = setting.indexOf('=');
			registry.add(setting.substring(0, equals), () -> setting.substring(equals + 1));
		}
	}

	/** The settings that turn on both TLS listeners with this key store, on free ports. */
	public static String[] tlsSettings() {
		return new String[] { "parley.tcp.tls.enabled=true", "parley.tcp.tls.port=0",
				"parley.tcp.tls.key-store=" + path(), "parley.tcp.tls.key-store-password=" + PASSWORD,
				"parley.irc.tls.enabled=true", "parley.irc.tls.port=0", "parley.irc.tls.key-store=" + path(),
				"parley.irc.tls.key-store-password=" + PASSWORD };
	}

	/** A client context that trusts this key store's certificate only. */
	public static synchronized SSLContext clientContext() {
		if (clientContext == null) {
			try {
				KeyStore trusted = KeyStore.getInstance(path().toFile(), PASSWORD.toCharArray());
				TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				trust.init(trusted);
				SSLContext context = SSLContext.getInstance("TLS");
				context.init(null, trust.getTrustManagers(), null);
				clientContext = context;
			}
			catch (IOException | GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return clientContext;
	}

	/** A TLS socket to {@code localhost:port}, its handshake done, offering only {@code protocols} when given. */
	public static SSLSocket connect(int port, String... protocols) throws IOException {
		SSLSocket socket = (SSLSocket) clientContext().getSocketFactory().createSocket("localhost", port);
		socket.setSoTimeout((int) ChatClient.DEFAULT_WAIT.toMillis());
		SSLParameters parameters = socket.getSSLParameters();
		// as a careful client would: the certificate must name the host (its SAN does)
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		if (protocols.length > 0) {
			parameters.setProtocols(protocols);
		}
		socket.setSSLParameters(parameters);
		socket.startHandshake();
		return socket;
	}

	/** A line-protocol client over TLS that has read the HELLO line. */
	public static ChatClient connectLine(int port) throws IOException {
		ChatClient client = new ChatClient(connect(port));
		client.expectPrefix("HELLO ");
		return client;
	}

	/** A plain socket, for sending what is not TLS to a TLS port. */
	public static Socket plain(int port) throws IOException {
		Socket socket = new Socket("localhost", port);
		socket.setSoTimeout((int) ChatClient.DEFAULT_WAIT.toMillis());
		return socket;
	}

}
