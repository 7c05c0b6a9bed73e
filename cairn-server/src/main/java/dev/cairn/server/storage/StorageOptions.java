package dev.cairn.server.storage;

import java.time.Duration;

/**
 * Storage settings: where chunked uploads are spooled, the largest object accepted, and how long deletes of anything
 * but lock files are held (hidden but restorable by an admin) before the space is freed; {@link Duration#ZERO} frees at once.
 */
public record StorageOptions(SpoolDirectory spool, long maxObjectBytes, Duration deleteGrace) {
    public StorageOptions {
        if (maxObjectBytes <= 0 || deleteGrace.isNegative()) {
            throw new IllegalArgumentException("max object size must be > 0 and delete grace >= 0");
        }
    }
}
