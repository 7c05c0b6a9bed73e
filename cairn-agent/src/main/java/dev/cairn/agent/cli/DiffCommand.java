package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Formats;
import dev.cairn.agent.ui.JsonDocument;
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
            output().info("comparing snapshot " + a.shortId() + " to " + b.shortId() + ":");
            output().info("");
            try (JsonDocument json = output().jsonDocument()) {
                json.startObject().field("snapshot1", a.id()).field("snapshot2", b.id()).startArray("changes");
                TreeDiff diff = new TreeDiff(open.repo(), c -> {
                    json.element(c);
                    output().result(String.format("%-4s %s", c.modifier(), c.path()));
                });
                diff.compare("/", a.snapshot().tree(), b.snapshot().tree());
                json.endArray().field("summary", diff.summary()).endObject();
                printSummary(diff.summary());
            }
            return ExitCodes.OK;
        }
    }

    private void printSummary(TreeDiff.Summary s) {
        output().info("");
        output().info(String.format("Files:  %6d new, %6d removed, %6d changed", s.filesAdded(), s.filesRemoved(), s.filesModified()));
        output().info(String.format("Dirs:   %6d new, %6d removed", s.dirsAdded(), s.dirsRemoved()));
        output().info("Added:   " + Formats.bytes(s.bytesAdded()));
        output().info("Removed: " + Formats.bytes(s.bytesRemoved()));
    }
}
