package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Formats;
import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn diff SNAP1 SNAP2}: what changed between two snapshots. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show what changed from SNAPSHOT1 to SNAPSHOT2: + added, - removed, M modified (content or link target)."})
final class DiffCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SNAPSHOT1", description = "the older snapshot (id, prefix or 'latest')")
    String first;

    @Parameters(index = "1", paramLabel = "SNAPSHOT2", description = "the newer snapshot (id, prefix or 'latest')")
    String second;

    @Override
    protected int execute() throws Exception {
        try (OpenRepository open = openRepositoryForReading()) {
            SnapshotRef a = Snapshots.resolve(open.repo(), first, Snapshots.ALL);
            SnapshotRef b = Snapshots.resolve(open.repo(), second, Snapshots.ALL);
            TreeDiff diff = new TreeDiff(open.repo());
            diff.compare("/", a.snapshot().tree(), b.snapshot().tree());
            print(a, b, diff);
            return ExitCodes.OK;
        }
    }

    private void print(SnapshotRef a, SnapshotRef b, TreeDiff diff) {
        TreeDiff.Summary s = diff.summary();
        output().info("comparing snapshot " + a.shortId() + " to " + b.shortId() + ":");
        output().info("");
        diff.changes().forEach(c -> output().result(String.format("%-4s %s", c.modifier(), c.path())));
        output().info("");
        output().info(String.format("Files:  %6d new, %6d removed, %6d changed", s.filesAdded(), s.filesRemoved(), s.filesModified()));
        output().info(String.format("Dirs:   %6d new, %6d removed", s.dirsAdded(), s.dirsRemoved()));
        output().info("Added:   " + Formats.bytes(s.bytesAdded()));
        output().info("Removed: " + Formats.bytes(s.bytesRemoved()));
        output().json(JsonOutput.object("snapshot1", a.id(), "snapshot2", b.id(), "changes", diff.changes(), "summary", s));
    }
}
