package io.parley.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * What the directory checks of a published key, with the JDK's own Ed25519 (no crypto of ours): the identity key's
 * signature over {@code "parley-prekey:1:" || prekey id (4 bytes, big-endian) || prekey (32 bytes)}, the bytes the
 * page signs (docs/e2e.md); and the device id that follows from the identity key.
 */
final class PrekeySignature {

	/** The DER header of an Ed25519 public key (RFC 8410) before its 32 raw bytes. */
	private static final byte[] ED25519_SPKI = { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21,
			0x00 };

	private static final byte[] LABEL = "parley-prekey:1:".getBytes(StandardCharsets.US_ASCII);

	private PrekeySignature() {
	}

	/** The base64url bytes, or null when {@code text} is not base64url of exactly {@code length} bytes. */
	static byte[] decode(String text, int length) {
		if (text == null || text.length() != (length * 4 + 2) / 3) {
			return null;
		}
		try {
			byte[] bytes = Base64.getUrlDecoder().decode(text);
			return (bytes.length == length) ? bytes : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	static boolean valid(byte[] identityKey, int prekeyId, byte[] prekey, byte[] signature) {
		byte[] signed = ByteBuffer.allocate(LABEL.length + 4 + prekey.length).put(LABEL).putInt(prekeyId).put(prekey)
			.array();
		try {
			byte[] spki = Arrays.copyOf(ED25519_SPKI, ED25519_SPKI.length + identityKey.length);
			System.arraycopy(identityKey, 0, spki, ED25519_SPKI.length, identityKey.length);
			PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
			Signature verifier = Signature.getInstance("Ed25519");
			verifier.initVerify(key);
			verifier.update(signed);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			// a key that is not a point on the curve is refused like a bad signature
			return false;
		}
	}

	/** The first 8 bytes of SHA-256 over the identity key, base64url: the page computes the same. */
	static String deviceId(byte[] identityKey) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(identityKey);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the JDK has no SHA-256", ex);
		}
	}

}
