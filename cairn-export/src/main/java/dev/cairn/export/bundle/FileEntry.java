package dev.cairn.export.bundle;

/** A file of a bundle as the manifest lists it: path, SHA-256 (hex) and size of its bytes, and its rows (0: none). */
public record FileEntry(String path, String sha256, long bytes, long rows) {
    public FileEntry withRows(long n) {
        return new FileEntry(path, sha256, bytes, n);
    }
}
