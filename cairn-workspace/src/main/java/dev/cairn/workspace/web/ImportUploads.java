package dev.cairn.workspace.web;

import dev.cairn.server.auth.RandomBytes;
import dev.cairn.server.error.ServiceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Uploaded import files kept between the steps of the import page (dry run, mapping, import), so the file is sent
 * once. Each is bound to the account, workspace and table it was uploaded for, named by an unguessable id, and deleted
 * after the import or after {@link #KEEP} without use. Thread-safe.
 */
final class ImportUploads {
    static final Duration KEEP = Duration.ofMinutes(30);
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final RandomBytes random;
    private final InstantSource clock;

    /** A kept file: where, which kind, its name as uploaded, and whose. */
    record Upload(Path file, boolean xlsx, String fileName, long accountId, long workspaceId, String table,
            Instant lastUsed) {
    }

    ImportUploads(RandomBytes random, InstantSource clock) {
        this.random = random;
        this.clock = clock;
    }

    String keep(Path file, boolean xlsx, String fileName, long accountId, long workspaceId, String table) {
        expire();
        byte[] id = new byte[16];
        random.nextBytes(id);
        String key = HexFormat.of().formatHex(id);
        uploads.put(key, new Upload(file, xlsx, fileName, accountId, workspaceId, table, clock.instant()));
        return key;
    }

    /**
     * The upload {@code id} of this account, workspace and table; 404 if there is none, it expired, or its file is gone
     * (the server's spool sweep removes files of a previous process).
     */
    Upload get(String id, long accountId, long workspaceId, String table) {
        expire();
        Upload u = id == null ? null : uploads.get(id);
        if (u == null || u.accountId() != accountId || u.workspaceId() != workspaceId || !u.table().equals(table)
                || !Files.exists(u.file())) {
            throw ServiceException.notFound("the uploaded file is no longer here (files are kept " + KEEP.toMinutes()
                    + " minutes); upload it again");
        }
        Upload touched = new Upload(u.file(), u.xlsx(), u.fileName(), accountId, workspaceId, table, clock.instant());
        uploads.put(id, touched);
        return touched;
    }

    void drop(String id) {
        Upload u = uploads.remove(id);
        if (u != null) {
            delete(u.file());
        }
    }

    private void expire() {
        Instant oldest = clock.instant().minus(KEEP);
        uploads.entrySet().removeIf(e -> {
            boolean old = e.getValue().lastUsed().isBefore(oldest);
            if (old) {
                delete(e.getValue().file());
            }
            return old;
        });
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
