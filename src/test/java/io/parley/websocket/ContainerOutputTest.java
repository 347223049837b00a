package io.parley.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The Tomcat the server ships with still has what {@link ContainerOutput} reaches for: without it every WebSocket
 * frame would be a write of its own (correct, but many times the CPU of a TCP delivery), so an upgrade that
 * renames it must fail here rather than quietly slow the server down.
 */
class ContainerOutputTest {

	@Test
	void theShippedTomcatWritesBatchesOfFramesWithoutBlocking() {
		assertThat(ContainerOutput.available()).isTrue();
		assertThat(ContainerOutput.BUFFER_BYTES).isPositive();
	}

	/** Without the connector's socket every batch's end would be handed to Tomcat's executor: a wake-up per write. */
	@Test
	void theShippedTomcatLetsAWriteTheSocketTookFinishOnTheWritingThread() {
		assertThat(ContainerOutput.finishesInline()).isTrue();
	}

}
