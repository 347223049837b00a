package io.parley.admin;

import java.security.Principal;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.parley.account.Account;
import io.parley.account.AccountService;
import io.parley.keys.DeviceKeys;
import io.parley.keys.KeyDirectory;
import io.parley.protocol.ErrorCode;

/** {@code /api/admin/keys}: an account's devices in the key directory (issue 21), and revoking one. */
@RestController
@RequestMapping("/api/admin/keys")
class KeyAdminController {

	private final KeyDirectory directory;

	private final AccountService accounts;

	KeyAdminController(KeyDirectory directory, AccountService accounts) {
		this.directory = directory;
		this.accounts = accounts;
	}

	@GetMapping("/{user}")
	@Operation(summary = "an account's devices with keys, revoked ones too")
	List<DeviceKeys> devices(@PathVariable String user) {
		return this.directory.everyDeviceOf(account(user).name());
	}

	/** Senders stop encrypting to the device at their next look-up; what it could read before stays readable. */
	@DeleteMapping("/{user}/devices/{deviceId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "revokes one device's keys")
	void revoke(@PathVariable String user, @PathVariable String deviceId, Principal admin) {
		if (!this.directory.revoke(account(user).name(), deviceId, admin.getName())) {
			throw AdminProblems.of(HttpStatus.NOT_FOUND, ErrorCode.NO_SUCH_USER, user + " has no live device with that id");
		}
	}

	private Account account(String user) {
		return this.accounts.find(user)
			.orElseThrow(() -> AdminProblems.of(HttpStatus.NOT_FOUND, ErrorCode.NO_SUCH_USER, "there is no such user"));
	}

}
