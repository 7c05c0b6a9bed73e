package dev.cairn.engine.backup;

import dev.cairn.blob.BlobStore;
import dev.cairn.engine.crypto.KdfParams;
import dev.cairn.engine.repo.Environment;
import dev.cairn.engine.repo.Repositories;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.restore.RestoreOptions;
import dev.cairn.engine.restore.RestoreResult;
import dev.cairn.engine.restore.Restorer;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;

/** Real archiver + restorer over a real store, with test-strength KDF and small packs. */
final class EngineFixture {
    static final char[] PASSWORD = "pw".toCharArray();

    private EngineFixture() {
    }

    private static final java.util.concurrent.atomic.AtomicLong SEEDS = new java.util.concurrent.atomic.AtomicLong();

    /** A fresh seeded random per repository handle: two handles with one seed would draw the same nonces. */
    static Environment env() {
        return new Environment(new Random(SEEDS.incrementAndGet()), InstantSource.system(), "host-a", "tester", 1);
    }

    static Repository init(BlobStore store) throws IOException {
        return init(store, 1 << 20);
    }

    static Repository init(BlobStore store, int packSize) throws IOException {
        return Repositories.init(store, PASSWORD, Repositories.InitOptions.defaults().withKdf(KdfParams.TEST).withPackSize(packSize), env());
    }

    static Repository open(BlobStore store) throws IOException {
        return Repositories.open(store, PASSWORD, env());
    }

    static BackupResult backup(Repository repo, Path... paths) throws IOException {
        return Archiver.create(repo, ArchiverOptions.defaults(), BackupListener.NONE).run(List.of(paths));
    }

    static RestoreResult restoreLatest(Repository repo, Path target) throws IOException {
        SnapshotRef latest = Snapshots.resolve(repo, "latest", Snapshots.ALL);
        return Restorer.create(repo, RestoreOptions.defaults().withVerify(true), null).restore(latest, target);
    }

    /** Where a backed-up absolute path lands under a restore target. */
    static Path restored(Path target, Path source) {
        Path abs = source.toAbsolutePath();
        return target.resolve(abs.getRoot().relativize(abs).toString());
    }
}
