package io.parley.admin;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import io.parley.account.AccountResult;
import io.parley.account.AccountService;
import io.parley.system.ParleyMetrics;

/**
 * HTTP Basic against the chat accounts, through the very login chat clients use: the same password check,
 * the same lockout per address and account, the same refusal of banned accounts, the same hashing pool.
 */
@Component
class AccountAuthenticationProvider implements AuthenticationProvider {

	static final String PROTOCOL = "http";

	private final AccountService accounts;

	private final ParleyMetrics metrics;

	AccountAuthenticationProvider(AccountService accounts, ParleyMetrics metrics) {
		this.accounts = accounts;
		this.metrics = metrics;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String name = authentication.getName();
		String password = String.valueOf(authentication.getCredentials());
		AccountResult result = this.accounts.login(name, password, remoteAddress(authentication));
		if (result instanceof AccountResult.Failure failure) {
			this.metrics.login(PROTOCOL, failure.code().wireName());
			throw switch (failure.code()) {
				case RATE_LIMITED -> new LockedException(failure.text());
				case BANNED -> new DisabledException(failure.text());
				case SERVER_BUSY -> new AuthenticationServiceException(failure.text());
				default -> new BadCredentialsException("wrong name or password");
			};
		}
		this.metrics.login(PROTOCOL, "success");
		var account = ((AccountResult.Success) result).account();
		return UsernamePasswordAuthenticationToken.authenticated(account.name(), null,
				List.of(new SimpleGrantedAuthority("ROLE_" + account.role().name())));
	}

	private static String remoteAddress(Authentication authentication) {
		return (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? details.getRemoteAddress() : "unknown";
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
