package dev.cairn.protocol;

/** Self-service sign-up; {@code invite} is needed only when sign-up is invite-only. */
public record SignupRequest(String name, String email, String password, String invite) {
}
