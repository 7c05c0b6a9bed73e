package dev.cairn.server.storage;

/** The tenant a storage request acts for: its account id (names the storage prefix) and name (for logs and metrics). */
public record Tenant(long accountId, String name) {
}
