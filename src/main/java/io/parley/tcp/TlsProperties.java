package io.parley.tcp;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A TLS listener beside a protocol's plain one ({@code parley.tcp.tls.*}, {@code parley.irc.tls.*}): same
 * protocol, same sessions and limits, another port.
 *
 * @param enabled whether the TLS listener runs
 * @param port its port ({@code 0}: any free port); unset, the protocol's conventional TLS port
 * @param keyStore path of the PKCS12 (or JKS) file holding the server's key and certificate chain
 * @param keyStorePassword the key store's password
 * @param keyPassword the key's password when it differs from the key store's; empty: the key store's
 * @param protocols the TLS versions offered; older ones are refused in the handshake
 */
public record TlsProperties(@DefaultValue("false") boolean enabled, @Min(0) @Max(65535) Integer port,
		@DefaultValue("") String keyStore, @DefaultValue("") String keyStorePassword,
		@DefaultValue("") String keyPassword,
		@DefaultValue({ "TLSv1.3", "TLSv1.2" }) @NotEmpty List<String> protocols) {

	/** These settings, with {@code port} when none is set: each protocol has its own conventional TLS port. */
	public TlsProperties withDefaultPort(int port) {
		return (this.port != null) ? this
				: new TlsProperties(this.enabled, port, this.keyStore, this.keyStorePassword, this.keyPassword,
						this.protocols);
	}

	/** The password that unlocks the key: its own when set, else the key store's. */
	String effectiveKeyPassword() {
		return this.keyPassword.isEmpty() ? this.keyStorePassword : this.keyPassword;
	}

	/** Without the passwords: a record's own toString would print them wherever the settings are logged. */
	@Override
	public String toString() {
		return "TlsProperties[enabled=" + this.enabled + ", port=" + this.port + ", keyStore=" + this.keyStore
				+ ", protocols=" + this.protocols + "]";
	}

}
