package io.parley.files;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The file store (the local disk, until issue 22 brings shared storage) and the hourly retention sweep. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class FileConfiguration {

	@Bean
	FileStore fileStore(FileProperties properties) {
		return new LocalDiskFileStore(properties.directory());
	}

}
