package io.parley.account;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * The one place that decides who owns a name: creating an account (by {@code /register} or the admin API) and
 * a guest taking a name both decide under the lock of the name's key, each checking the other's kind of owner
 * first. So an account is never created under a guest online, nor a guest let in under a name just
 * registered, and the loser of a race is told so before anything is made. Striped: names that share a stripe
 * wait for each other only for a database read or insert, never for a hash.
 */
@Component
public class NameOwnership {

	private static final int STRIPES = 64;

	private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

	NameOwnership() {
		for (int i = 0; i < STRIPES; i++) {
			this.stripes[i] = new ReentrantLock();
		}
	}

	/** Runs {@code decision} while no other decision on a name with the same key can run. */
	public <T> T decide(String name, Supplier<T> decision) {
		ReentrantLock stripe = this.stripes[Math.floorMod(UserNames.key(name).hashCode(), STRIPES)];
		stripe.lock();
		try {
			return decision.get();
		}
		finally {
			stripe.unlock();
		}
	}

}
