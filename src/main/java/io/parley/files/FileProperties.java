package io.parley.files;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code parley.files.*}: file sharing (issue 20). Every key is in README.md, "Configuration".
 *
 * @param directory where the local file store keeps the bytes, one file per distinct content
 * @param maxFileSize the largest file one upload may hold ({@code 413} past it)
 * @param dailyQuota bytes one account may upload in any 24 hours ({@code 507} past it)
 * @param totalCap bytes the store may hold in all ({@code 507} past it)
 * @param publicLinks whether a file's link alone is enough to download it; when false a download needs an
 * account (HTTP Basic or a file token), as an upload does
 * @param baseUrl the HTTP address clients reach Parley at, for links and the {@code soju.im/FILEHOST} token
 * ({@code https://chat.example.org}); empty: {@code http://localhost:<server.port>}, right only on one machine
 * @param tokenLifetime how long a token from {@code /filetoken} (IRC {@code FILETOKEN}) stays good
 * @param allowedTypes media types an upload may have (exact, or {@code image/*}); empty allows every type
 * @param deniedTypes media types refused even when allowed ({@code 415})
 * @param retention how long a file is kept after its upload; zero keeps files until deleted
 */
@Validated
@ConfigurationProperties("parley.files")
public record FileProperties(@DefaultValue("./data/files") @NotNull Path directory,
		@DefaultValue("10MB") @NotNull DataSize maxFileSize, @DefaultValue("200MB") @NotNull DataSize dailyQuota,
		@DefaultValue("10GB") @NotNull DataSize totalCap, @DefaultValue("true") boolean publicLinks,
		@DefaultValue("") String baseUrl, @DefaultValue("10m") @NotNull Duration tokenLifetime,
		@DefaultValue List<String> allowedTypes, @DefaultValue List<String> deniedTypes,
		@DefaultValue("0s") @NotNull Duration retention) {
}
