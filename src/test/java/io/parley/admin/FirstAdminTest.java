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

/** The first start's admin account: a generated password shown once, or the configured one; never a default. */
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminTest {

	private static final Pattern GENERATED = Pattern
		.compile("WARN .* Created admin account 'admin' with the generated password (\\S+)");

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
