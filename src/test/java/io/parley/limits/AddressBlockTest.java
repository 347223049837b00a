package io.parley.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Limits per address count an IPv6 host by its /64, which it may take any address of; the addresses come as
 * the socket gives them. (Loopback has one IPv6 address, so the limiters are checked here, not over sockets.)
 */
class AddressBlockTest {

	@Test
	void anIpv6AddressIsItsSlash64AndAnIpv4AddressItself() {
		assertThat(AddressBlock.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2::/64");
		assertThat(AddressBlock.of("2001:db8:1:2:0:0:0:1%eth0")).isEqualTo("2001:db8:1:2::/64");
		assertThat(AddressBlock.of("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3::/64");
		assertThat(AddressBlock.of("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
		assertThat(AddressBlock.of("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
		assertThat(AddressBlock.of("192.0.2.7")).isEqualTo("192.0.2.7");
	}

	@Test
	void connectionsFromOneSlash64CountTogether() {
		ConnectionLimiter limiter = new ConnectionLimiter(limits("parley.limits.connections.per-address", "2"));
		assertThat(limiter.opened("2001:db8:1:2::1")).isNull();
		assertThat(limiter.opened("2001:db8:1:2::2")).isNull();
		assertThat(limiter.opened("2001:db8:1:2:ffff::3")).isEqualTo("too-many-connections");
		assertThat(limiter.opened("2001:db8:1:3::1")).isNull();
		limiter.closed("2001:db8:1:2:ffff::3");
		limiter.closed("2001:db8:1:2::1");
		assertThat(limiter.opened("2001:db8:1:2::9")).isNull();
	}

	@Test
	void registrationsFromOneSlash64CountTogether() {
		RegistrationLimiter limiter = new RegistrationLimiter(
				limits("parley.limits.registrations.per-address-per-hour", "2"));
		assertThat(limiter.tryRegister("2001:db8:1:2::1")).isTrue();
		assertThat(limiter.tryRegister("2001:db8:1:2::2")).isTrue();
		assertThat(limiter.tryRegister("2001:db8:1:2::3")).isFalse();
		assertThat(limiter.tryRegister("2001:db8:9:9::3")).isTrue();
	}

	/** The properties as Boot binds them, defaults and all, with one key set. */
	private static LimitProperties limits(String key, String value) {
		return new Binder(new MapConfigurationPropertySource(java.util.Map.of(key, value)))
			.bindOrCreate("parley.limits", Bindable.of(LimitProperties.class));
	}

}
