package dev.cairn.protocol;

/** Changes the caller's password; the current one is required even with a session. */
public record PasswordChangeRequest(String currentPassword, String newPassword) {
}
