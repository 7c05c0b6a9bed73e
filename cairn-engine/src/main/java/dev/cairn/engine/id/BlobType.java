package dev.cairn.engine.id;

/** What a blob holds. The code and name are persisted (pack headers, index files); never persist {@link #name()}. */
public enum BlobType {
    DATA(0, "data"),
    TREE(1, "tree"),
    /** A zstd dictionary that data blobs may be compressed with (format version 3, spec §Dictionaries). */
    DICTIONARY(2, "dictionary");

    private final int code;
    private final String label;

    BlobType(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The one-byte code used in pack headers and as associated data. */
    public int code() {
        return code;
    }

    /** The name used in JSON documents. */
    public String label() {
        return label;
    }

    public static BlobType ofCode(int code) {
        for (BlobType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown blob type code " + code);
    }

    public static BlobType ofLabel(String label) {
        for (BlobType t : values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown blob type '" + label + "'");
    }
}
