package dev.cairn.engine.index;

import java.util.List;

/**
 * One index document (spec §Index): which blobs each listed pack holds. Serialised as JSON, then sealed as an unpacked
 * object of kind {@code index}. {@code supersedes} names index files this one replaces (written by prune).
 */
public record IndexFile(List<PackBlobs> packs, List<String> supersedes) {
    public IndexFile {
        packs = packs == null ? List.of() : List.copyOf(packs);
        supersedes = supersedes == null ? List.of() : List.copyOf(supersedes);
    }

    /** The blobs of one pack. */
    public record PackBlobs(String id, List<Blob> blobs) {
        public PackBlobs {
            blobs = blobs == null ? List.of() : List.copyOf(blobs);
        }
    }

    /** One blob: type label ({@code data}/{@code tree}), offset/length in the pack, plaintext length, compressed flag. */
    public record Blob(String id, String type, long offset, int length, int rawLength, boolean compressed) {
    }
}
