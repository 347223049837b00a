package io.parley;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ParleyApplication {

	public static void main(String[] args) {
		SpringApplication.run(ParleyApplication.class, args);
	}

}
