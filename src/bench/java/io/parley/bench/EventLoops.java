package io.parley.bench;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** A few selector threads that read every client; as many as the machine has cores, so the generator keeps up. */
final class EventLoops implements AutoCloseable {

	private final Loop[] loops;

	private final AtomicInteger next = new AtomicInteger();

	EventLoops(int threads) throws IOException {
		this.loops = new Loop[threads];
		for (int i = 0; i < threads; i++) {
			this.loops[i] = new Loop(Selector.open());
			Thread thread = new Thread(this.loops[i], "bench-loop-" + i);
			thread.setDaemon(true);
			thread.start();
		}
	}

	Loop next() {
		return this.loops[Math.floorMod(this.next.getAndIncrement(), this.loops.length)];
	}

	@Override
	public void close() {
		for (Loop loop : this.loops) {
			loop.running = false;
			loop.selector.wakeup();
		}
	}

	static final class Loop implements Runnable {

		private final Selector selector;

		private final Queue<Client> incoming = new ConcurrentLinkedQueue<>();

		private volatile boolean running = true;

		Loop(Selector selector) {
			this.selector = selector;
		}

		void register(Client client) {
			this.incoming.add(client);
			this.selector.wakeup();
		}

		@Override
		public void run() {
			while (this.running) {
				try {
					this.selector.select();
					Client client;
					while ((client = this.incoming.poll()) != null) {
						if (!client.isClosed()) {
							try {
								client.registered(client.channel().register(this.selector, SelectionKey.OP_READ, client));
							}
							catch (IOException ex) {
								client.close();
							}
						}
					}
					Iterator<SelectionKey> keys = this.selector.selectedKeys().iterator();
					while (keys.hasNext()) {
						SelectionKey key = keys.next();
						keys.remove();
						Client c = (Client) key.attachment();
						try {
							if (key.isValid() && key.isWritable()) {
								c.writable();
							}
							if (key.isValid() && key.isReadable()) {
								c.readable();
							}
						}
						catch (java.nio.channels.CancelledKeyException ex) {
							// closed meanwhile
						}
						catch (RuntimeException ex) {
							System.err.println("bench: handler failed: " + ex);
							ex.printStackTrace();
						}
					}
				}
				catch (IOException ex) {
					System.err.println("bench: selector failed: " + ex);
				}
			}
			try {
				this.selector.close();
			}
			catch (IOException ex) {
				// ending
			}
		}

	}

}
