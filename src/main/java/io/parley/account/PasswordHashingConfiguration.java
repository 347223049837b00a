package io.parley.account;

import java.util.Comparator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing on a small pool of its own: BCrypt is meant to be slow, and on the connection threads
 * (virtual threads share a carrier per core) a burst of logins would stall every chat line. Its queue is
 * ordered by {@link PasswordHashing.HashTask}: logins from addresses their accounts know go first, so strangers
 * guessing at once cannot hold up the owners; the bounds are kept by {@link PasswordHashing}.
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashingConfiguration {

	@Bean
	PasswordEncoder passwordEncoder(AccountProperties properties) {
		return new PreHashedBCryptPasswordEncoder(properties.bcryptCost());
	}

	@Bean
	ThreadPoolTaskExecutor passwordHashExecutor(AccountProperties properties) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor() {
			@Override
			protected BlockingQueue<Runnable> createQueue(int queueCapacity) {
				// unbounded here (a priority queue cannot refuse an offer by size); PasswordHashing counts
				return new PriorityBlockingQueue<>(64, Comparator.comparing(PasswordHashing::order));
			}
		};
		executor.setThreadNamePrefix("parley-hash-");
		executor.setCorePoolSize(properties.effectiveHashThreads());
		executor.setMaxPoolSize(properties.effectiveHashThreads());
		executor.setQueueCapacity(properties.hashQueue());
		return executor;
	}

}
