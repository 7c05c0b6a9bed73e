package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Formats;
import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
            List<Map<String, Object>> nodes = new ArrayList<>();
            SnapshotTrees.walk(open.repo(), ref.snapshot().tree(), "/", (p, node) -> {
                if (SnapshotTrees.within(p, root)) {
                    nodes.add(SnapshotTrees.json(p, node));
                    output().result(longFormat ? SnapshotTrees.longLine(p, node) : p);
                }
                return SnapshotTrees.within(p, root) || SnapshotTrees.within(root, p);
            });
            if (nodes.isEmpty() && path != null) {
                throw new IllegalArgumentException(root + " is not in snapshot " + ref.shortId() + "; 'cairn ls " + ref.shortId()
                        + "' lists what it holds");
            }
            output().json(JsonOutput.object("snapshot", SnapshotsCommand.json(ref), "nodes", nodes));
            return ExitCodes.OK;
        }
    }
}
