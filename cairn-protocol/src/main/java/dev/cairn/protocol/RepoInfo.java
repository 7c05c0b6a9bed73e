package dev.cairn.protocol;

/** One repository of a tenant, with its stored size in bytes. */
public record RepoInfo(String name, long storedBytes, long objects, java.time.Instant createdAt, java.time.Instant lastWriteAt) {
}
