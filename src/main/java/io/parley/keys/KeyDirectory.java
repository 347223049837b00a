package io.parley.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import io.parley.account.UserNames;

/**
 * The key directory ({@code V6__key_directory.sql}): devices' public keys by account. A device publishes its keys
 * and later its rotated prekeys; anyone signed in reads an account's live devices; the owner or an admin revokes
 * one. It holds public keys only, and checks what it can of them: sizes, and the identity key's signature over the
 * prekey, so a page never fetches keys that cannot work.
 */
@Repository
public class KeyDirectory {

	private static final Logger log = LoggerFactory.getLogger(KeyDirectory.class);

	private final JdbcClient jdbc;

	private final KeyProperties properties;

	KeyDirectory(JdbcClient jdbc, KeyProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/** What a device sends to publish its keys, base64url. */
	public record Published(String identityKey, int prekeyId, String prekey, String prekeySignature) {
	}

	/** The outcome of a publish: the device's keys, or why not. */
	public sealed interface PublishOutcome {

		record Done(DeviceKeys device, boolean created) implements PublishOutcome {
		}

		/** A key or signature of the wrong size, or a signature that does not verify. */
		record Invalid(String reason) implements PublishOutcome {
		}

		/** The account has {@code max} live devices already. */
		record TooManyDevices(int max) implements PublishOutcome {
		}

		/** The device was revoked (or belongs to another account): a page must make new keys. */
		record Revoked(String deviceId) implements PublishOutcome {
		}

		/** A prekey id not above the one published: a replayed or stale publish. */
		record StalePrekey(int current) implements PublishOutcome {
		}

	}

	/**
	 * Publishes a device's keys for {@code owner}: a new device, or a rotated prekey of a known one (same identity
	 * key, a higher prekey id). One transaction, so two tabs of one browser racing cannot pass the device cap.
	 */
	@Transactional
	public PublishOutcome publish(String owner, Published keys) {
		byte[] identity = PrekeySignature.decode(keys.identityKey(), 32);
		byte[] prekey = PrekeySignature.decode(keys.prekey(), 32);
		byte[] signature = PrekeySignature.decode(keys.prekeySignature(), 64);
		if (identity == null || prekey == null || signature == null) {
			return new PublishOutcome.Invalid("identityKey and prekey are 32 bytes, prekeySignature 64, in base64url");
		}
		if (!PrekeySignature.valid(identity, keys.prekeyId(), prekey, signature)) {
			return new PublishOutcome.Invalid("prekeySignature is not the identity key's signature over the prekey");
		}
		String deviceId = PrekeySignature.deviceId(identity);
		Optional<DeviceKeys> known = find(deviceId);
		if (known.isPresent()) {
			DeviceKeys device = known.get();
			if (device.revokedAt() != null || !UserNames.key(device.owner()).equals(UserNames.key(owner))) {
				return new PublishOutcome.Revoked(deviceId);
			}
			if (keys.prekeyId() <= device.prekeyId()) {
				return (keys.prekeyId() == device.prekeyId() && keys.prekey().equals(device.prekey()))
						? new PublishOutcome.Done(device, false) : new PublishOutcome.StalePrekey(device.prekeyId());
			}
			this.jdbc.sql("UPDATE device_key SET prekey_id = ?, prekey = ?, prekey_signature = ?, prekey_at = ? "
					+ "WHERE device_id = ?")
				.params(keys.prekeyId(), keys.prekey(), keys.prekeySignature(), now(), deviceId)
				.update();
			return new PublishOutcome.Done(find(deviceId).orElseThrow(), false);
		}
		if (devicesOf(owner).size() >= this.properties.maxDevices()) {
			return new PublishOutcome.TooManyDevices(this.properties.maxDevices());
		}
		this.jdbc.sql("INSERT INTO device_key (device_id, owner, owner_key, identity_key, prekey_id, prekey, "
				+ "prekey_signature) VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(deviceId, owner, UserNames.key(owner), keys.identityKey(), keys.prekeyId(), keys.prekey(),
					keys.prekeySignature())
			.update();
		log.info("keys: {} published device {}", owner, deviceId);
		return new PublishOutcome.Done(find(deviceId).orElseThrow(), true);
	}

	/** The account's live devices, oldest first. */
	public List<DeviceKeys> devicesOf(String owner) {
		return this.jdbc.sql("SELECT * FROM device_key WHERE owner_key = ? AND revoked_at IS NULL ORDER BY created_at, device_id")
			.param(UserNames.key(owner))
			.query(KeyDirectory::toDevice)
			.list();
	}

	/** The account's devices, revoked ones too, oldest first. */
	public List<DeviceKeys> everyDeviceOf(String owner) {
		return this.jdbc.sql("SELECT * FROM device_key WHERE owner_key = ? ORDER BY created_at, device_id")
			.param(UserNames.key(owner))
			.query(KeyDirectory::toDevice)
			.list();
	}

	public Optional<DeviceKeys> find(String deviceId) {
		return this.jdbc.sql("SELECT * FROM device_key WHERE device_id = ?")
			.param(deviceId)
			.query(KeyDirectory::toDevice)
			.optional();
	}

	/** Revokes {@code owner}'s live device {@code deviceId}; false when it has no such live device. */
	public boolean revoke(String owner, String deviceId, String by) {
		boolean revoked = this.jdbc.sql("UPDATE device_key SET revoked_at = ?, revoked_by = ? "
				+ "WHERE device_id = ? AND owner_key = ? AND revoked_at IS NULL")
			.params(now(), by, deviceId, UserNames.key(owner))
			.update() == 1;
		if (revoked) {
			log.info("keys: device {} of {} revoked by {}", deviceId, owner, by);
		}
		return revoked;
	}

	public KeyProperties properties() {
		return this.properties;
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

	private static DeviceKeys toDevice(ResultSet row, int number) throws SQLException {
		return new DeviceKeys(row.getString("device_id"), row.getString("owner"), row.getString("identity_key"),
				row.getInt("prekey_id"), row.getString("prekey"), row.getString("prekey_signature"),
				instant(row, "created_at"), instant(row, "prekey_at"), instant(row, "revoked_at"),
				row.getString("revoked_by"));
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

}
