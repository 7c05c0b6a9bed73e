package dev.cairn.protocol;

/**
 * {@code PUT /api/v1/repos/{repo}/retention}: the repository's lock in days (0-3650; 0 clears it). Lowering the effective
 * lock needs {@code currentPassword}.
 */
public record RetentionRequest(Integer lockDays, String currentPassword) {
}
