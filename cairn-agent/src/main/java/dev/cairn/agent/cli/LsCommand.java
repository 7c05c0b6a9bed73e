package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Formats;
import dev.cairn.agent.ui.JsonDocument;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn ls SNAPSHOT [PATH]}: lists what a snapshot holds. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "List the files and directories in a snapshot (all of it, or PATH and what lies below it).")
final class LsCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "snapshot id, unique id prefix, or 'latest'")
    String snapshot;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", description = "absolute path inside the snapshot (default: all)")
    String path;

    @Option(names = {"-l", "--long"}, description = "show mode, owner, group, size and modification time")
    boolean longFormat;

    @Override
    protected int execute() throws Exception {
        String root = path == null ? "/" : Path.of(path).toAbsolutePath().normalize().toString();
        try (OpenRepository open = openRepositoryForReading()) {
            SnapshotRef ref = Snapshots.resolve(open.repo(), snapshot, Snapshots.ALL);
            output().info("snapshot " + ref.shortId() + " of " + ref.snapshot().paths() + " at " + Formats.time(ref.snapshot().time()) + ":");
            if (path != null && !SnapshotTrees.contains(open.repo(), ref.snapshot().tree(), root)) {
                throw new IllegalArgumentException(root + " is not in snapshot " + ref.shortId() + "; 'cairn ls " + ref.shortId()
                        + "' lists what it holds");
            }
            try (JsonDocument json = output().jsonDocument()) {
                json.startObject().field("snapshot", SnapshotsCommand.json(ref)).startArray("nodes");
                SnapshotTrees.walk(open.repo(), ref.snapshot().tree(), "/", (p, node) -> {
                    if (SnapshotTrees.within(p, root)) {
                        json.element(SnapshotTrees.json(p, node));
                        output().result(longFormat ? SnapshotTrees.longLine(p, node) : p);
                    }
                    return SnapshotTrees.within(p, root) || SnapshotTrees.within(root, p);
                });
                json.endArray().endObject();
            }
            return ExitCodes.OK;
        }
    }
}
