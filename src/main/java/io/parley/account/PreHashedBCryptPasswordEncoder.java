package io.parley.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * BCrypt over the SHA-256 of the password. BCrypt reads only the first 72 bytes (and Spring Security's
 * encoder refuses longer input), while Parley allows 128 characters: hashing first makes every character
 * count and keeps BCrypt's input at 44 bytes.
 */
public final class PreHashedBCryptPasswordEncoder implements PasswordEncoder {

	private final BCryptPasswordEncoder bcrypt;

	public PreHashedBCryptPasswordEncoder(int cost) {
		this.bcrypt = new BCryptPasswordEncoder(cost);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return this.bcrypt.encode(preHash(rawPassword));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return this.bcrypt.matches(preHash(rawPassword), encodedPassword);
	}

	private static String preHash(CharSequence rawPassword) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
