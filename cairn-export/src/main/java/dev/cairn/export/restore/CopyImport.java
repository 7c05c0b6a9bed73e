package dev.cairn.export.restore;

import dev.cairn.export.bundle.FileEntry;
import dev.cairn.export.bundle.Manifest;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.members.Workspaces;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * The workspace part of {@code cairn server --offline --from-copy DIR} (docs/spec/export-format.md §9): restores a
 * decrypted copy, as {@code replace}, into the account's own workspace when that workspace has no table yet. The copy
 * was signed by the server that exported it, whose key this new server cannot know: the manifest's own key is taken,
 * which proves the files are those the manifest lists (the customer's pull checked the pinned key). The copy's listed
 * files are linked into a private staging directory first, so the server's own data directory, which may sit inside
 * the copy's, is never taken for an extra file, and the copy cannot change under the restore. Thread-safe.
 */
public final class CopyImport {
    private final Jdbi reads;
    private final Workspaces workspaces;
    private final RestoreService restore;
    private final Path staging;

    /** @param staging a directory of this server's for temporary files (its spool) */
    public CopyImport(Jdbi reads, Workspaces workspaces, RestoreService restore, Path staging) {
        this.reads = reads;
        this.workspaces = workspaces;
        this.restore = restore;
        this.staging = staging;
    }

    /**
     * Restores the copy in {@code given} (relative: to the working directory) into account {@code accountId}'s
     * workspace; false (nothing read) when that workspace has tables already. Throws {@link CopyException} with the
     * reason when the copy cannot be restored; nothing changes.
     */
    public boolean run(Path given, long accountId, PrintStream out) throws IOException {
        Path copy = given.toAbsolutePath().normalize(); // "." normalizes to the empty path, which no file starts with
        String name = reads.withHandle(h -> h.createQuery("SELECT name FROM accounts WHERE id = :id")
                .bind("id", accountId).mapTo(String.class).one());
        Caller caller = workspaces.resolve(accountId, name, null, false);
        if (liveTables(caller.workspaceId()) > 0) {
            return false;
        }
        Manifest manifest = Manifest.parse(Files.readAllBytes(copy.resolve(Manifest.PATH)));
        Path dir = stage(copy, manifest);
        try {
            RestoreOptions options = new RestoreOptions(null, "replace", manifest.signature().publicKey(), true);
            RestoreDiff diff = restore.diff(caller, dir, options);
            restore.apply(caller, dir, options, diff.seq());
            long rows = diff.tables().stream().mapToLong(RestoreDiff.TableDiff::added).sum();
            out.println("cairn: restored the workspace '" + manifest.workspace().name() + "' as exported at "
                    + manifest.exportedAt() + " into the account '" + name + "': " + diff.tables().size()
                    + " tables, " + rows + " records (read from " + diff.format() + ")");
            return true;
        } finally {
            delete(dir);
        }
    }

    private long liveTables(long workspaceId) {
        return reads.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ws_tables WHERE workspace_id = :w AND "
                + "deleted_at IS NULL").bind("w", workspaceId).mapTo(Long.class).one());
    }

    /** Links (or copies, across file systems) the manifest, its signature and every listed file present. */
    private Path stage(Path copy, Manifest manifest) throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(staging), "copy-import-");
        List<String> paths = new ArrayList<>(List.of(Manifest.PATH, Manifest.SIGNATURE_PATH));
        manifest.files().stream().map(FileEntry::path).forEach(paths::add);
        for (String path : paths) {
            Path from = copy.resolve(path).normalize();
            Path to = dir.resolve(path).normalize();
            if (!from.startsWith(copy.normalize()) || !to.startsWith(dir) || !Files.isRegularFile(from)) {
                continue; // a missing file is the restore's to report if the format needs it
            }
            Files.createDirectories(to.getParent());
            try {
                Files.createLink(to, from);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(from, to);
            }
        }
        return dir;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
