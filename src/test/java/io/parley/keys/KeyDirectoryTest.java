package io.parley.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.ParleyTest;

/**
 * The key directory over HTTP (issue 21): a signed-in account publishes its devices' keys (checked: sizes and the
 * identity key's signature over the prekey), rotates prekeys, lists and revokes its own; anyone signed in fetches an
 * account's live devices; an admin revokes anyone's; nobody unsigned gets in; and an account's devices are capped.
 */
@ParleyTest(properties = "parley.keys.max-devices=2")
class KeyDirectoryTest {

	@Autowired
	AdminHttp http;

	@Test
	void aDevicePublishesRotatesIsFetchedByOthersAndIsRevokedByItsOwner() throws Exception {
		String alice = this.http.createUser("alice");
		String bob = this.http.createUser("bob");
		Device phone = new Device();
		AdminHttp.Response published = this.http.as(alice, "password1").post("/api/keys/devices", phone.publish(1));
		assertThat(published.status()).as(published.body()).isEqualTo(201);
		String deviceId = published.json().get("deviceId").asText();
		assertThat(deviceId).isEqualTo(phone.id());

		AdminHttp.Response fetched = this.http.as(bob, "password1").get("/api/keys/users/" + alice.toUpperCase());
		assertThat(fetched.status()).isEqualTo(200);
		assertThat(fetched.json().get("user").asText()).isEqualTo(alice);
		assertThat(fetched.json().get("devices").get(0).get("identityKey").asText()).isEqualTo(phone.identity());

		// a rotated prekey replaces the published one; an older number is refused (a replayed publish)
		assertThat(this.http.as(alice, "password1").post("/api/keys/devices", phone.publish(2)).status()).isEqualTo(200);
		assertThat(this.http.as(alice, "password1").post("/api/keys/devices", phone.publish(1)).status()).isEqualTo(409);
		assertThat(this.http.as(bob, "password1").get("/api/keys/users/" + alice).json().get("devices").get(0)
			.get("prekeyId").asInt()).isEqualTo(2);

		// another account cannot revoke it; its owner can, and then it is gone for good
		assertThat(this.http.as(bob, "password1").delete("/api/keys/devices/" + deviceId).status()).isEqualTo(404);
		assertThat(this.http.as(alice, "password1").delete("/api/keys/devices/" + deviceId).status()).isEqualTo(204);
		assertThat(this.http.as(bob, "password1").get("/api/keys/users/" + alice).json().get("devices")).isEmpty();
		assertThat(this.http.as(alice, "password1").get("/api/keys/devices").json().get("devices").get(0)
			.get("revokedAt").isNull()).isFalse();
		assertThat(this.http.as(alice, "password1").post("/api/keys/devices", phone.publish(3)).status()).isEqualTo(410);
	}

	@Test
	void badKeysAndSignaturesAreRefusedAndNobodyUnsignedGetsIn() throws Exception {
		String alice = this.http.createUser("alice");
		Device phone = new Device();
		String forged = phone.publish(1).replace(phone.identity(), new Device().identity());
		AdminHttp.Response refused = this.http.as(alice, "password1").post("/api/keys/devices", forged);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("detail").asText()).contains("not the identity key's signature");
		assertThat(this.http.as(alice, "password1").post("/api/keys/devices", "{\"identityKey\":\"short\"}").status())
			.isEqualTo(400);
		assertThat(this.http.anonymous().get("/api/keys/users/" + alice).status()).isEqualTo(401);
		assertThat(this.http.as(alice, "wrong-password").get("/api/keys/settings").status()).isEqualTo(401);
		assertThat(this.http.as(alice, "password1").get("/api/keys/users/nobody-at-all").status()).isEqualTo(404);
	}

	@Test
	void anAccountHasAtMostItsCapOfDevicesAndAnAdminRevokesAny() throws Exception {
		String alice = this.http.createUser("alice");
		Device first = new Device();
		assertThat(this.http.as(alice, "password1").post("/api/keys/devices", first.publish(1)).status()).isEqualTo(201);
		assertThat(this.http.as(alice, "password1").post("/api/keys/devices", new Device().publish(1)).status())
			.isEqualTo(201);
		AdminHttp.Response third = this.http.as(alice, "password1").post("/api/keys/devices", new Device().publish(1));
		assertThat(third.status()).isEqualTo(409);
		assertThat(third.json().get("detail").asText()).contains("at most 2 devices");

		assertThat(this.http.as(alice, "password1").delete("/api/admin/keys/" + alice + "/devices/" + first.id()).status())
			.isEqualTo(403);
		assertThat(this.http.admin().delete("/api/admin/keys/" + alice + "/devices/" + first.id()).status()).isEqualTo(204);
		assertThat(this.http.admin().get("/api/admin/keys/" + alice).json().get(0).get("revokedBy").asText())
			.isEqualTo("admin");
		assertThat(this.http.as(alice, "password1").post("/api/keys/devices", new Device().publish(1)).status())
			.isEqualTo(201);
	}

	/** A device's keys as a page makes them, with the JDK's Ed25519 and X25519. */
	static final class Device {

		private final KeyPair identity;

		Device() throws Exception {
			this.identity = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		}

		String identity() {
			return b64(raw(this.identity.getPublic().getEncoded()));
		}

		String id() {
			return PrekeySignature.deviceId(raw(this.identity.getPublic().getEncoded()));
		}

		String publish(int prekeyId) throws Exception {
			byte[] prekey = raw(KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic().getEncoded());
			Signature signer = Signature.getInstance("Ed25519");
			signer.initSign(this.identity.getPrivate());
			signer.update(ByteBuffer.allocate(16 + 4 + 32).put("parley-prekey:1:".getBytes(StandardCharsets.US_ASCII))
				.putInt(prekeyId).put(prekey).array());
			return "{\"identityKey\":\"" + identity() + "\",\"prekeyId\":" + prekeyId + ",\"prekey\":\"" + b64(prekey)
					+ "\",\"prekeySignature\":\"" + b64(signer.sign()) + "\"}";
		}

		/** The last 32 bytes of an X.509 key: the raw key (RFC 8410). */
		private static byte[] raw(byte[] x509) {
			return Arrays.copyOfRange(x509, x509.length - 32, x509.length);
		}

		private static String b64(byte[] bytes) {
			return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		}

	}

}
