package io.parley.keys;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code parley.keys.*}: the key directory for end-to-end encrypted private messages (issue 21). Every key is in
 * README.md, "Configuration".
 *
 * @param maxDevices devices one account may have keys for at once; a page past it is refused until one is revoked
 * @param prekeyRotation how old a device's prekey may get before its page makes and publishes a new one
 * @param prekeyGrace how long a page keeps a replaced prekey's private half, to read messages sent to it before
 * the rotation (offline ones too); dropped after, which bounds what a stolen device's storage can open
 */
@Validated
@ConfigurationProperties("parley.keys")
public record KeyProperties(@DefaultValue("10") @Min(1) @Max(100) int maxDevices,
		@DefaultValue("7d") @NotNull Duration prekeyRotation, @DefaultValue("14d") @NotNull Duration prekeyGrace) {
}
