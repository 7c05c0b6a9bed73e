package dev.cairn.blob;

/** What a store knows about one stored object: its name and its size in bytes. */
public record BlobInfo(BlobName name, long size) {
    public BlobInfo {
        if (size < 0) {
            throw new IllegalArgumentException("size " + size + " must be >= 0");
        }
    }
}
