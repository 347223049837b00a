package io.parley.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.parley.account.AccountResult;
import io.parley.account.AccountService;
import io.parley.account.Role;
import io.parley.support.StandaloneParley;

/**
 * The first start's admin account: a generated password shown once, or the configured one; never a default. And
 * a lost admin password, reset by one start with {@code parley.admin.reset-password}.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminTest {

	private static final Pattern GENERATED = Pattern
		.compile("WARN .* Created admin account 'admin' with the generated password (\\S+)");

	private static final Pattern RESET_TO_GENERATED = Pattern
		.compile("WARN .* Reset the password of admin account 'admin' to the generated password (\\S+)");

	@TempDir
	Path dataDir;

	@Test
	void aGeneratedPasswordIsLoggedOnceAtTheFirstStartOnly(CapturedOutput output) {
		String password;
		try (ConfigurableApplicationContext first = start()) {
			Matcher logged = GENERATED.matcher(output.getOut());
			assertThat(logged.find()).as("the generated password in the log").isTrue();
			password = logged.group(1);
			assertThat(password).hasSizeGreaterThanOrEqualTo(20);
			assertThat(logged.find()).as("logged a second time").isFalse();
			assertThat(output.getOut()).contains("Change it with: curl -u admin:<password> -X PUT");
			assertThat(login(first, "admin", password)).isInstanceOf(AccountResult.Success.class);
		}
		int afterFirst = output.getOut().length();
		try (ConfigurableApplicationContext second = start("parley.admin.password=ignored-now-1")) {
			String secondLog = output.getOut().substring(afterFirst);
			assertThat(secondLog).doesNotContain("Created admin account");
			assertThat(login(second, "admin", password)).isInstanceOf(AccountResult.Success.class);
			assertThat(login(second, "admin", "ignored-now-1")).isInstanceOf(AccountResult.Failure.class);
		}
	}

	@Test
	void aConfiguredPasswordIsUsedAndNeverLogged(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("parley.admin.password=from-the-env-1",
				"parley.admin.name=root")) {
			assertThat(output.getOut()).doesNotContain("from-the-env-1").doesNotContain("generated password");
			assertThat(output.getOut()).contains("Created admin account 'root' with the password from parley.admin.password");
			AccountResult root = login(context, "root", "from-the-env-1");
			assertThat(root).isInstanceOf(AccountResult.Success.class);
			assertThat(((AccountResult.Success) root).account().role()).isEqualTo(Role.ADMIN);
		}
	}

	@Test
	void aWeakConfiguredPasswordStopsTheStart() {
		assertThatThrownBy(() -> start("parley.admin.password=short").close())
			.hasStackTraceContaining("Cannot create the admin account admin")
			.hasStackTraceContaining("a password is 8-128 characters");
	}

	/*
	 * A forgotten admin password: the generated one is shown once and kept nowhere, so the operator resets it by
	 * starting once with parley.admin.reset-password=true (issue 12, item 8).
	 */

	@Test
	void aStartWithTheResetFlagGivesTheAdminANewPassword(CapturedOutput output) {
		try (ConfigurableApplicationContext first = start("parley.admin.password=forgotten-1")) {
			assertThat(login(first, "admin", "forgotten-1")).isInstanceOf(AccountResult.Success.class);
		}
		try (ConfigurableApplicationContext reset = start("parley.admin.password=remembered-2",
				"parley.admin.reset-password=true")) {
			assertThat(login(reset, "admin", "remembered-2")).isInstanceOf(AccountResult.Success.class);
			assertThat(login(reset, "admin", "forgotten-1")).isInstanceOf(AccountResult.Failure.class);
		}
		assertThat(output.getOut()).doesNotContain("remembered-2");
		int before = output.getOut().length();
		try (ConfigurableApplicationContext generated = start("parley.admin.reset-password=true")) {
			Matcher logged = RESET_TO_GENERATED.matcher(output.getOut().substring(before));
			assertThat(logged.find()).as("the generated password in the log").isTrue();
			assertThat(login(generated, "admin", logged.group(1))).isInstanceOf(AccountResult.Success.class);
			assertThat(login(generated, "admin", "remembered-2")).isInstanceOf(AccountResult.Failure.class);
		}
		// without the flag, the password stays what it is
		try (ConfigurableApplicationContext after = start("parley.admin.password=ignored-3")) {
			assertThat(login(after, "admin", "ignored-3")).isInstanceOf(AccountResult.Failure.class);
		}
	}

	@Test
	void theFlagNeverMakesAChatUserAnAdmin(CapturedOutput output) {
		try (ConfigurableApplicationContext first = start("parley.admin.password=admin-pass-1")) {
			assertThat(first.getBean(AccountService.class).register("carol", "carols-own-1", "127.0.0.1", name -> false))
				.isInstanceOf(AccountResult.Success.class);
		}
		try (ConfigurableApplicationContext reset = start("parley.admin.name=carol",
				"parley.admin.password=taken-over-1", "parley.admin.reset-password=true")) {
			AccountResult carol = login(reset, "carol", "carols-own-1");
			assertThat(carol).isInstanceOf(AccountResult.Success.class);
			assertThat(((AccountResult.Success) carol).account().role()).isEqualTo(Role.USER);
			assertThat(output.getOut()).contains("carol is not an admin account: no password was reset");
		}
	}

	private ConfigurableApplicationContext start(String... extra) {
		// no password unless a test gives one: the first start generates it
		List<String> settings = new ArrayList<>(List.of(
				"spring.datasource.url=jdbc:h2:file:" + this.dataDir.resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE",
				"parley.admin.password="));
		settings.addAll(List.of(extra));
		return StandaloneParley.start(settings.toArray(String[]::new));
	}

	private static AccountResult login(ConfigurableApplicationContext context, String name, String password) {
		return context.getBean(AccountService.class).login(name, password, "test");
	}

}
