package io.parley.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing on a small pool of its own: BCrypt is meant to be slow, and on the connection threads
 * (virtual threads share a carrier per core) a burst of logins would stall every chat line.
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashingConfiguration {

	@Bean
	PasswordEncoder passwordEncoder(AccountProperties properties) {
		return new PreHashedBCryptPasswordEncoder(properties.bcryptCost());
	}

	@Bean
	ThreadPoolTaskExecutor passwordHashExecutor(AccountProperties properties) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix("parley-hash-");
		executor.setCorePoolSize(properties.effectiveHashThreads());
		executor.setMaxPoolSize(properties.effectiveHashThreads());
		executor.setQueueCapacity(properties.hashQueue());
		return executor;
	}

}
