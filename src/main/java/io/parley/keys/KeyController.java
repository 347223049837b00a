package io.parley.keys;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.parley.account.Account;
import io.parley.account.AccountService;
import io.parley.protocol.EncryptedEnvelope;
import io.parley.protocol.ErrorCode;

/**
 * {@code /api/keys}: the key directory over HTTP for any signed-in account ({@link KeySecurity}). A device
 * publishes its keys and rotated prekeys; anyone signed in fetches an account's live devices; the owner lists and
 * revokes its own. Admins revoke anyone's through {@code /api/admin/keys}.
 */
@RestController
@RequestMapping(KeySecurity.PATH)
class KeyController {

	private final KeyDirectory directory;

	private final AccountService accounts;

	KeyController(KeyDirectory directory, AccountService accounts) {
		this.directory = directory;
		this.accounts = accounts;
	}

	/** What a page needs to know to keep its keys: the rotation schedule and the envelope's bound. */
	record Settings(long prekeyRotationSeconds, long prekeyGraceSeconds, int maxDevices, int maxEnvelopeBytes) {
	}

	/** A device as another account sees it: public keys and when they came. */
	record DeviceView(String deviceId, String identityKey, int prekeyId, String prekey, String prekeySignature,
			Instant createdAt, Instant prekeyAt, Instant revokedAt) {

		static DeviceView of(DeviceKeys device) {
			return new DeviceView(device.deviceId(), device.identityKey(), device.prekeyId(), device.prekey(),
					device.prekeySignature(), device.createdAt(), device.prekeyAt(), device.revokedAt());
		}

	}

	record Devices(String user, List<DeviceView> devices) {
	}

	@GetMapping("/settings")
	Settings settings() {
		KeyProperties properties = this.directory.properties();
		return new Settings(properties.prekeyRotation().toSeconds(), properties.prekeyGrace().toSeconds(),
				properties.maxDevices(), EncryptedEnvelope.MAX_BYTES);
	}

	/** Publishes this device's keys (201 when new) or its rotated prekey (200). */
	@PostMapping("/devices")
	ResponseEntity<?> publish(@RequestBody KeyDirectory.Published keys, Principal user) {
		KeyDirectory.PublishOutcome outcome = this.directory.publish(user.getName(), keys);
		if (outcome instanceof KeyDirectory.PublishOutcome.Done done) {
			return ResponseEntity.status(done.created() ? HttpStatus.CREATED : HttpStatus.OK)
				.body(DeviceView.of(done.device()));
		}
		if (outcome instanceof KeyDirectory.PublishOutcome.Invalid invalid) {
			return problem(HttpStatus.BAD_REQUEST, ErrorCode.BAD_SYNTAX, invalid.reason());
		}
		if (outcome instanceof KeyDirectory.PublishOutcome.TooManyDevices full) {
			return problem(HttpStatus.CONFLICT, ErrorCode.LIST_FULL,
					"an account has keys for at most " + full.max() + " devices; revoke one first");
		}
		if (outcome instanceof KeyDirectory.PublishOutcome.Revoked revoked) {
			return problem(HttpStatus.GONE, ErrorCode.FORBIDDEN,
					"device " + revoked.deviceId() + " was revoked; make new keys");
		}
		KeyDirectory.PublishOutcome.StalePrekey stale = (KeyDirectory.PublishOutcome.StalePrekey) outcome;
		return problem(HttpStatus.CONFLICT, ErrorCode.BAD_SYNTAX,
				"the published prekey is number " + stale.current() + "; a new one needs a higher number");
	}

	/** The signed-in account's own devices, revoked ones too. */
	@GetMapping("/devices")
	Devices mine(Principal user) {
		return new Devices(user.getName(),
				this.directory.everyDeviceOf(user.getName()).stream().map(DeviceView::of).toList());
	}

	@DeleteMapping("/devices/{deviceId}")
	ResponseEntity<?> revoke(@PathVariable String deviceId, Principal user) {
		if (!this.directory.revoke(user.getName(), deviceId, user.getName())) {
			return problem(HttpStatus.NOT_FOUND, ErrorCode.NO_SUCH_USER, "you have no live device with that id");
		}
		return ResponseEntity.noContent().build();
	}

	/** Another account's live devices (an empty list: it has none, so messages to it go unencrypted). */
	@GetMapping("/users/{name}")
	ResponseEntity<?> devicesOf(@PathVariable String name) {
		return this.accounts.find(name)
			.map(Account::name)
			.<ResponseEntity<?>>map(owner -> ResponseEntity.ok(new Devices(owner,
					this.directory.devicesOf(owner).stream().map(DeviceView::of).toList())))
			.orElseGet(() -> problem(HttpStatus.NOT_FOUND, ErrorCode.NO_SUCH_USER, "there is no such account"));
	}

	static ResponseEntity<ProblemDetail> problem(HttpStatus status, ErrorCode code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setProperty("code", code.wireName());
		return ResponseEntity.status(status).body(problem);
	}

}
