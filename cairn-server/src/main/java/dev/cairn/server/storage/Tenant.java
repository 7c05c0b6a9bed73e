package dev.cairn.server.storage;

/**
 * The tenant a storage request acts for: its account id (names the storage prefix) and name (for logs and metrics),
 * and the id of the API token the request came with (null for the password), which a stored snapshot is credited to.
 */
public record Tenant(long accountId, String name, Long tokenId) {
    public Tenant(long accountId, String name) {
        this(accountId, name, null);
    }
}
