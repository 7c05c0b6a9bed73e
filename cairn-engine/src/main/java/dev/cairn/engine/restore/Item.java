package dev.cairn.engine.restore;

import dev.cairn.engine.snapshot.Node;
import java.nio.file.Path;

/**
 * One entry to restore. Its paths are derived from its directory's, which all entries of that directory share.
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
