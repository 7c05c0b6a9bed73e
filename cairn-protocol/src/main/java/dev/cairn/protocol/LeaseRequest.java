package dev.cairn.protocol;

/** {@code POST /api/v1/repos/{repo}/leases}: {@code ttlSeconds} 10-600, default 120. */
public record LeaseRequest(String mode, String holder, Integer ttlSeconds) {
}
