package io.parley.account;

import io.parley.protocol.ErrorCode;

/** What an account operation came to: the account, or why not (an error a client sees as it is). */
public sealed interface AccountResult {

	record Success(Account account) implements AccountResult {
	}

	record Failure(ErrorCode code, String text) implements AccountResult {
	}

}
