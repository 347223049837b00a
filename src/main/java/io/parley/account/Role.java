package io.parley.account;

public enum Role {

	USER, ADMIN

}
