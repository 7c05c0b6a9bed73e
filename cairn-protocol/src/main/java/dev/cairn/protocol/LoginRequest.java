package dev.cairn.protocol;

/** Web or API login with account name (or email) and password. */
public record LoginRequest(String name, String password) {
}
