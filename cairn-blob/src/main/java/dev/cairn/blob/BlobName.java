package dev.cairn.blob;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of one stored object: its kind plus an id. Ids are lower-case hex strings (usually a 64-digit SHA-256),
 * except for {@link BlobKind#CONFIG}, whose only valid id is {@code "config"}. The strict syntax is what makes
 * a store safe to map onto paths and URLs: a name can never contain a separator or {@code ..}.
 */
public record BlobName(BlobKind kind, String id) {
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{8,128}");
    public static final BlobName CONFIG = new BlobName(BlobKind.CONFIG, "config");

    public BlobName {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (!isValidId(kind, id)) {
            throw new IllegalArgumentException("invalid " + kind.dirName() + " id '" + id
                    + "': expected 8-128 lower-case hex digits" + (kind == BlobKind.CONFIG ? " or 'config'" : ""));
        }
    }

    /** Whether {@code id} is a valid id for {@code kind}; lets protocol code reject bad input without exceptions. */
    public static boolean isValidId(BlobKind kind, String id) {
        return kind == BlobKind.CONFIG ? "config".equals(id) : id != null && HEX_ID.matcher(id).matches();
    }

    public static BlobName of(BlobKind kind, String id) {
        return new BlobName(kind, id);
    }

    @Override
    public String toString() {
        return kind == BlobKind.CONFIG ? "config" : kind.dirName() + "/" + id;
    }
}
