package io.parley.tcp;

/**
 * A TLS listener cannot start as configured (no key store, a wrong password, an unknown protocol). Reported by
 * {@link TlsSetupFailureAnalyzer} as a message with what to do, without a stack trace.
 */
class TlsSetupException extends RuntimeException {

	private final String action;

	TlsSetupException(String description, String action) {
		super(description);
		this.action = action;
	}

	String action() {
		return this.action;
	}

}
