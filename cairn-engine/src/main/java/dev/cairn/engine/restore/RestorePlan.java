package dev.cairn.engine.restore;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.snapshot.Node;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Everything one restore will do, computed before anything is written (so a dry run costs only the tree reads).
 *
 * @param dirs        directories in pre-order (every parent before its children)
 * @param files       regular files in tree order
 * @param symlinks    symbolic links
 * @param sharedBlobs data blobs referenced more than once among the selected files: worth caching
 * @param totalBytes  plaintext bytes of the selected files, as the snapshot states them
 * @param problems    entries that cannot be restored (damaged trees, refused names), to report once the restore starts
 */
record RestorePlan(List<Item> dirs, List<Item> files, List<Item> symlinks, Set<BlobId> sharedBlobs, long totalBytes,
        List<Problem> problems) {

    /**
     * One entry to restore. Its paths are derived from its directory's, which all entries of that directory share: a plan
     * holds every file of the snapshot, so per-entry path strings would dominate its memory.
     *
     * @param dir            the directory the entry is in
     * @param unusualPartial for files whose partial name is not the usual {@code <name>.cairn-partial}: that name
     */
    record Item(Dir dir, Node node, String unusualPartial) {
        /** For files: the sibling name the content is written under until it is complete. */
        String partialName() {
            return unusualPartial != null ? unusualPartial : node.name() + PartialNames.SUFFIX;
        }

        /** {@code /}-joined names from the snapshot root. */
        String snapshotPath() {
            return dir.snapshotPath() + "/" + node.name();
        }

        /** Where the entry goes, inside the target. */
        Path path() {
            return dir.path().resolve(node.name());
        }
    }

    /** A directory of the snapshot: its {@code /}-joined path from the snapshot root ("" for the root) and its target. */
    record Dir(String snapshotPath, Path path) {
    }

    /** An entry that cannot be restored, and why. */
    record Problem(String snapshotPath, Exception error) {
    }
}
