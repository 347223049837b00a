package io.parley.tcp;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link TlsSetupException}, however deep in the bean creation that failed, into Boot's "APPLICATION
 * FAILED TO START" report: what is wrong and what to do, with the stack trace at DEBUG only. Registered in
 * {@code META-INF/spring.factories}.
 */
class TlsSetupFailureAnalyzer extends AbstractFailureAnalyzer<TlsSetupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TlsSetupException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
