package dev.cairn.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One stored object in a listing: its id, size in bytes and, in native listings, when the server stored it
 * ({@code storedAt}, whole seconds; omitted where unknown and in restic REST v2 listings, whose entry is name and size).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectInfo(String name, long size, Instant storedAt) {
    /** The restic REST v2 listing entry. */
    public ObjectInfo(String name, long size) {
        this(name, size, null);
    }
}
