package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Formats;
import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.agent.ui.Table;
import dev.cairn.engine.snapshot.Snapshot;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cairn snapshots}: lists snapshots, oldest first. */
@Command(name = "snapshots", mixinStandardHelpOptions = true, description = "List snapshots, oldest first.")
final class SnapshotsCommand extends BaseCommand {
    @Mixin
    SnapshotFilterOptions filter;

    @Override
    protected int execute() throws Exception {
        try (OpenRepository open = openRepositoryForReading()) {
            List<SnapshotRef> refs = Snapshots.list(open.repo()).stream().filter(r -> filter.predicate().test(r.snapshot())).toList();
            output().json(refs.stream().map(SnapshotsCommand::json).toList());
            if (!output().json()) {
                printTable(refs);
            }
            return ExitCodes.OK;
        }
    }

    private void printTable(List<SnapshotRef> refs) {
        Table table = new Table("ID", "Time", "Host", "Tags", "Paths", "Size");
        for (SnapshotRef r : refs) {
            Snapshot s = r.snapshot();
            String size = s.summary() == null ? "" : Formats.bytes(s.summary().totalBytes());
            table.add(r.shortId() + (s.partial() ? "!" : ""), Formats.time(s.time()), s.hostname(), String.join(",", s.tags()),
                    String.join("\n", s.paths()), size);
        }
        table.render().forEach(output()::result);
        output().result(Formats.count(refs.size(), "snapshot", "snapshots")
                + (refs.stream().anyMatch(r -> r.snapshot().partial()) ? " (! = partial: some items could not be read)" : ""));
    }

    /** A snapshot as JSON: its id first, then the stored document's fields. */
    static Map<String, Object> json(SnapshotRef ref) {
        Map<String, Object> doc = JsonOutput.object("id", ref.id(), "short_id", ref.shortId());
        doc.putAll(JsonOutput.fields(ref.snapshot()));
        return doc;
    }
}
