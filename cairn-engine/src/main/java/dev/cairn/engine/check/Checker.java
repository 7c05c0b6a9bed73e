package dev.cairn.engine.check;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.repo.Repository;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Verifies a repository, like {@code restic check}, and says what each problem means and what to do about it.
 *
 * <p>Always, in this order:
 * <ol>
 *   <li>every key file hashes to its name (damaged → ERROR {@code keys/<id>});</li>
 *   <li>every index file is re-read and decoded (damaged → ERROR {@code index/<id>});</li>
 *   <li>every snapshot loads, every tree reachable from a snapshot loads and decodes, and every blob a tree references
 *       is in the index with the right type (ERRORs name the tree or blob, a path and the affected snapshots);</li>
 *   <li>every pack the index lists exists and its header lists exactly the blobs, offsets and lengths the index says;
 *       packs no index lists are INFO (leftovers of interrupted backups);</li>
 *   <li>with {@link CheckOptions#readData()}: the selected packs (of those that exist) are read whole, must hash to
 *       their name, and every blob in them must authenticate, decompress and match its id;</li>
 *   <li>blobs stored in several packs (INFO) and locks older than {@link dev.cairn.engine.repo.RepositoryLock#STALE}
 *       (WARNING).</li>
 * </ol>
 *
 * <p>The checker never writes to the repository; it takes no lock (a caller that wants to keep prune away holds a shared
 * lock around {@link #run()}). Findings stream to the {@link CheckListener} phase by phase. Memory does not grow with the
 * repository: the index files are re-read into temporary files (an index and a listing by pack), trees walked are marked
 * in a bitset, one part of one tree per directory level and, with read-data, one pack are in memory at a time; the snapshots
 * a finding affects are worked out by walking the trees again, once per phase with findings. Not thread-safe;
 * {@link #run()} may be called again for a fresh check.
 */
public final class Checker {
    private final Repository repo;
    private final CheckOptions options;
    private final CheckListener listener;

    private Checker(Repository repo, CheckOptions options, CheckListener listener) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.options = Objects.requireNonNull(options, "options");
        this.listener = listener == null ? CheckListener.NONE : listener;
    }

    /** A checker for {@code repo}; pass {@link CheckListener#NONE} to only collect the result. */
    public static Checker create(Repository repo, CheckOptions options, CheckListener listener) {
        dev.cairn.engine.crypto.Aeads.warmUpInBackground(); // check decrypts every blob with --read-data
        return new Checker(repo, options, listener);
    }

    /**
     * Runs the check. Damage is reported as findings, never thrown.
     *
     * @throws IOException if the storage itself fails (unreachable, permission denied); the check is then incomplete and
     *                     can be run again
     */
    public CheckResult run() throws IOException {
        Report report = new Report(listener);
        KeyChecker.check(repo, report);
        try (IndexScan index = IndexScan.read(repo, report)) {
            SnapshotUsage usage = new SnapshotWalker(repo, report).walk();
            List<BlobId> readable = new PackChecker(repo, index, report).run(usage);
            if (options.readData()) {
                List<BlobId> selected = options.subset().select(readable, repo.environment().random());
                new PackDataReader(repo, index, report).read(selected, usage);
            }
            index.reportDuplicates(report);
        }
        LockChecker.check(repo, report);
        return report.result();
    }
}
