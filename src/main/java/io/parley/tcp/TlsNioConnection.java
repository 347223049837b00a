package io.parley.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;

/**
 * A connection with TLS between its socket and its lines, through an {@link SSLEngine} ({@link ServerTls}
 * makes it): records read are decrypted into the loop's buffer and framed as the plain connection frames
 * bytes; the text written is encrypted into the loop's buffer and written without blocking, what the socket
 * does not take kept until it does. The handshake runs on the loop as records arrive (its few key-exchange
 * computations included: a connect storm over TLS costs loop time, not a thread per client). Text the session
 * writes before the handshake is done (its greeting) waits for it.
 * <p>
 * A failed handshake (plain text, an old TLS version, a client that rejects the certificate) or a broken record
 * ends the connection as a reset does, with one DEBUG line: port scanners do it all day.
 */
final class TlsNioConnection extends NioConnection {

	private static final Logger log = LoggerFactory.getLogger(TlsNioConnection.class);

	private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

	private final SSLEngine engine;

	/** A record begun but not yet whole; kept only until the rest arrives. */
	private @Nullable ByteBuffer partialRecord;

	/** Text the session wrote that is not yet encrypted: before the handshake is done, or behind a full socket. */
	private @Nullable ByteBuffer heldText;

	private boolean handshakeDone;

	TlsNioConnection(SocketChannel channel, EventLoop loop, Executor workers, NioServerConnectionFactory factory,
			int maxLineBytes, @Nullable ApplicationEventPublisher publisher, SSLEngine engine) {
		super(channel, loop, workers, factory, maxLineBytes, publisher);
		this.engine = engine;
	}

	@Override
	void readable() {
		SSLSession session = this.engine.getSession();
		ByteBuffer records = this.loop.tlsRecordsIn(session.getPacketBufferSize());
		if (this.partialRecord != null) {
			records.put(this.partialRecord);
			this.partialRecord = null;
		}
		int read;
		try {
			read = channel().read(records);
		}
		catch (IOException ex) {
			log.debug("connection {} ended: {}", getConnectionId(), ex.toString());
			close();
			return;
		}
		records.flip();
		try {
			unwrap(records);
			if (this.heldText != null && writeHeldText()) {
				// the greeting held for the handshake (or text held for a record that is now written) is out
				written();
			}
			if (records.hasRemaining()) {
				this.partialRecord = ByteBuffer.allocate(records.remaining()).put(records).flip();
			}
			if (read < 0) {
				endOfInput();
			}
		}
		catch (SSLException ex) {
			log.debug("TLS connection failed: {}", ex.getMessage());
			sayWhy();
			close();
		}
		catch (IOException ex) {
			log.debug("connection {} ended: {}", getConnectionId(), ex.toString());
			close();
		}
	}

	/** Decrypts the whole records in {@code records}, framing their text and answering the handshake. */
	private void unwrap(ByteBuffer records) throws IOException {
		while (records.hasRemaining()) {
			ByteBuffer text = this.loop.tlsText(this.engine.getSession().getApplicationBufferSize());
			SSLEngineResult result = this.engine.unwrap(records, text);
			if (text.position() > 0) {
				received(text.array(), 0, text.position());
			}
			if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
				endOfInput();
				return;
			}
			if (!handshake(result.getHandshakeStatus())) {
				return;
			}
			if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
					|| (result.bytesConsumed() == 0 && result.bytesProduced() == 0)) {
				return;
			}
		}
	}

	/**
	 * Does what the handshake asks next until it needs a record from the client; false while records of ours wait
	 * for the socket. Once it is done, the text held for it can go (the caller writes it).
	 */
	private boolean handshake(HandshakeStatus status) throws IOException {
		HandshakeStatus now = status;
		while (true) {
			if (now == HandshakeStatus.NEED_TASK) {
				Runnable task;
				while ((task = this.engine.getDelegatedTask()) != null) {
					task.run();
				}
				now = this.engine.getHandshakeStatus();
			}
			else if (now == HandshakeStatus.NEED_WRAP) {
				if (hasUnwritten()) {
					return false;
				}
				SSLEngineResult result = wrapInto(NOTHING);
				if (hasUnwritten()) {
					return false;
				}
				now = result.getHandshakeStatus();
				if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
					return false;
				}
			}
			else if (now == HandshakeStatus.FINISHED
					|| (now == HandshakeStatus.NOT_HANDSHAKING && !this.handshakeDone)) {
				this.handshakeDone = true;
				return true;
			}
			else {
				return true;
			}
		}
	}

	/** Encrypts some of {@code text} into one record and writes it; the rest of the record is kept if need be. */
	private SSLEngineResult wrapInto(ByteBuffer text) throws IOException {
		ByteBuffer records = this.loop.tlsRecordsOut(this.engine.getSession().getPacketBufferSize());
		SSLEngineResult result = this.engine.wrap(text, records);
		records.flip();
		if (records.hasRemaining()) {
			writeOrKeep(records, true);
		}
		return result;
	}

	@Override
	boolean writeText(byte[] bytes) throws IOException {
		ByteBuffer text = ByteBuffer.wrap(bytes);
		if (this.heldText != null) {
			this.heldText = joined(this.heldText, text);
			return false;
		}
		this.heldText = text;
		return writeHeldText();
	}

	/** Encrypts and writes the held text while the socket takes it; true once all is written. */
	private boolean writeHeldText() throws IOException {
		ByteBuffer text = this.heldText;
		if (text == null) {
			return true;
		}
		if (!this.handshakeDone || hasUnwritten()) {
			return false;
		}
		while (text.hasRemaining()) {
			SSLEngineResult result = wrapInto(text);
			if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
				throw new SSLException("TLS closed");
			}
			if (hasUnwritten()) {
				return false;
			}
		}
		this.heldText = null;
		return true;
	}

	@Override
	boolean flush() throws IOException {
		if (!super.flush()) {
			return false;
		}
		HandshakeStatus status = this.engine.getHandshakeStatus();
		if (!this.handshakeDone || status == HandshakeStatus.NEED_WRAP) {
			if (!handshake(status) || !this.handshakeDone) {
				return false;
			}
		}
		return writeHeldText();
	}

	@Override
	public boolean writeWithoutBlocking(byte[] bytes) {
		try {
			return super.writeWithoutBlocking(bytes);
		}
		catch (UncheckedIOException ex) {
			if (ex.getCause() instanceof SSLException tls) {
				log.debug("TLS connection failed: {}", tls.getMessage());
			}
			throw ex;
		}
	}

	/** After a failed handshake the engine has an alert to send (protocol_version, say): sent if the socket takes it. */
	private void sayWhy() {
		try {
			ByteBuffer records = this.loop.tlsRecordsOut(this.engine.getSession().getPacketBufferSize());
			this.engine.wrap(NOTHING, records);
			records.flip();
			channel().write(records);
		}
		catch (IOException ex) {
			// the client is gone or the engine has nothing to say: closing anyway
		}
	}

	/** Says {@code close_notify} if the socket takes it at once; a client that does not read goes without. */
	@Override
	void beforeClose() throws IOException {
		this.engine.closeOutbound();
		if (this.handshakeDone && !hasUnwritten()) {
			ByteBuffer records = this.loop.tlsRecordsOut(this.engine.getSession().getPacketBufferSize());
			this.engine.wrap(NOTHING, records);
			records.flip();
			channel().write(records);
		}
	}

	@Override
	public boolean isSecure() {
		return true;
	}

	@Override
	public @Nullable SSLSession getSslSession() {
		return this.engine.getSession();
	}

}
