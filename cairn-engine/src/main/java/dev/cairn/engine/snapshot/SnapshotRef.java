package dev.cairn.engine.snapshot;

/** A stored snapshot with its id (the SHA-256 of its stored bytes, 64 hex digits). */
public record SnapshotRef(String id, Snapshot snapshot) {
    public String shortId() {
        return id.substring(0, 8);
    }
}
