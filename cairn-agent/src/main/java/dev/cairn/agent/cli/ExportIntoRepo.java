package dev.cairn.agent.cli;

import dev.cairn.engine.backup.Archiver;
import dev.cairn.engine.backup.ArchiverOptions;
import dev.cairn.engine.backup.BackupListener;
import dev.cairn.engine.backup.BackupResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code cairn export pull --into-repo REPO}: each export pull kept (verified and decrypted) is also backed up into the
 * customer's own cairn repository, as {@code cairn backup} would (the engine's archiver, the repository opened as
 * every command opens one: {@code --password-file} or {@code $CAIRN_PASSWORD}), one snapshot per export tagged
 * {@value #TAG} and {@code export-N}, so {@code cairn snapshots --tag onsite-export} finds them. Not thread-safe.
 */
final class ExportIntoRepo implements AutoCloseable {
    static final String TAG = "onsite-export";
    private final OpenRepository open;

    /** @param open the repository, opened before anything is pulled (a wrong passphrase stops the pull at once) */
    ExportIntoRepo(OpenRepository open) {
        this.open = open;
    }

    /**
     * Backs up export {@code id} kept in {@code dir}; returns the new snapshot's id.
     *
     * @throws IOException if it is not stored whole (the copy in {@code dir} stays, checked)
     */
    String store(long id, Path dir) throws IOException {
        ArchiverOptions options = ArchiverOptions.defaults().withTags(List.of(TAG, "export-" + id))
                .withParent("").withProgramVersion(Version.VERSION);
        BackupResult result = Archiver.create(open.repo(), options, BackupListener.NONE).run(List.of(dir));
        if (result.snapshot().partial()) {
            throw new IOException("export " + id + " was kept in " + dir + " but snapshot " + result.snapshotId()
                    .substring(0, 8) + " of it in " + open.location() + " is partial: some files could not be read");
        }
        return result.snapshotId();
    }

    String location() {
        return open.location();
    }

    @Override
    public void close() throws IOException {
        open.close();
    }
}
