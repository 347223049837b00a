package io.parley.limits;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code parley.broadcast.*}: messages to everyone online, the line protocol's {@code /all} and IRC's
 * {@code PRIVMSG $*}. One broadcast reaches every session, so it has an allowance of its own, far stricter
 * than the allowance of lines, per user over all its sessions.
 *
 * @param enabled whether anyone may broadcast; off, {@code /all} is {@code ERR forbidden} (the admin API's
 * announcements still work)
 * @param adminsOnly whether only accounts with the role {@code ADMIN} may use {@code /all}; IRC's {@code $*}
 * is for admins whatever this says, as IRC servers keep mass messages for their operators
 * @param burst broadcasts a user may send at once after a quiet spell
 * @param perMinute broadcasts a minute a user may keep sending; past the allowance a broadcast is refused
 * ({@code ERR rate-limited}) and reaches nobody
 */
@Validated
@ConfigurationProperties("parley.broadcast")
public record BroadcastProperties(@DefaultValue("true") boolean enabled, @DefaultValue("false") boolean adminsOnly,
		@DefaultValue("3") @Min(1) int burst, @DefaultValue("6") @Min(1) int perMinute) {
}
