package dev.cairn.protocol;

/** Media types the server speaks. */
public final class MediaTypes {
    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String OCTET_STREAM = "application/octet-stream";
    /** restic REST protocol version 1: listings are JSON arrays of names. */
    public static final String RESTIC_V1 = "application/vnd.x.restic.rest.v1";
    /** restic REST protocol version 2: listings are JSON arrays of {@code {"name", "size"}}. */
    public static final String RESTIC_V2 = "application/vnd.x.restic.rest.v2";

    private MediaTypes() {
    }
}
