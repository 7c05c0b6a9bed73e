package dev.cairn.protocol;

import java.time.Instant;

/**
 * A signed-in device as listed: its id (its token's id), name, scope, when it signed in, when its token was last used
 * and when it last stored a snapshot ({@code null}: never).
 */
public record DeviceInfo(long id, String name, TokenScope scope, Instant signedInAt, Instant lastSeenAt,
        Instant lastBackupAt) {
}
