package io.parley.keys;

import java.time.Instant;

/**
 * One device's public keys as the directory holds and serves them (base64url, unpadded): its Ed25519 identity
 * key, and its current X25519 prekey with the identity key's signature over it ({@link PrekeySignature}).
 * {@code revokedAt} is null while the device is live.
 */
public record DeviceKeys(String deviceId, String owner, String identityKey, int prekeyId, String prekey,
		String prekeySignature, Instant createdAt, Instant prekeyAt, Instant revokedAt, String revokedBy) {
}
