package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Formats;
import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.engine.repair.Damage;
import dev.cairn.engine.repair.SnapshotRepair;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.repo.RepositoryLock;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn repair snapshots}: rewrites snapshots around lost data (restic's {@code repair snapshots}). */
@Command(name = "snapshots", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Rewrite snapshots that reference lost or damaged data, keeping everything that is still readable.",
                "Run 'cairn repair index' first (and 'cairn repair packs' for packs 'cairn check --read-data' reports as "
                        + "damaged). A file that lost data keeps its readable parts (it gets shorter); a directory that "
                        + "cannot be read becomes empty. Repaired snapshots get the tag 'repaired' and a new id; the damaged "
                        + "originals stay unless --forget is given. Without SNAPSHOT ids, every snapshot the filters select "
                        + "is checked."})
final class RepairSnapshotsCommand extends BaseCommand {
    @Parameters(arity = "0..*", paramLabel = "SNAPSHOT", description = "snapshot ids (or unique prefixes, or 'latest')")
    List<String> ids = new ArrayList<>();

    @Option(names = "--forget", description = "delete the damaged originals once their repaired copies are stored "
            + "(and snapshots with nothing readable left)")
    boolean forget;

    @Option(names = {"-n", "--dry-run"}, description = "only show what would be repaired; change nothing")
    boolean dryRun;

    @Mixin
    SnapshotFilterOptions filter;

    @Mixin
    LockOptions lock;

    @Override
    protected int execute() throws IOException {
        try (OpenRepository open = openRepository();
                RepositoryLock held = lock.lockWait(spec).acquire(open.repo(), forget && !dryRun,
                        (holder, wait) -> output().warn(Formats.lockWait(holder, wait)),
                        holder -> output().warn(Formats.deadLock(holder)))) {
            open.repo().refreshIndex(false);
            List<SnapshotRepair.Outcome> outcomes = new SnapshotRepair(open.repo(), dryRun).repair(selected(open.repo()), forget);
            return report(outcomes);
        }
    }

    private List<SnapshotRef> selected(Repository repo) throws IOException {
        if (ids.isEmpty()) {
            return Snapshots.list(repo).stream().filter(r -> filter.predicate().test(r.snapshot())).toList();
        }
        List<SnapshotRef> refs = new ArrayList<>();
        for (String id : ids) {
            refs.add(Snapshots.resolve(repo, id, filter.predicate()));
        }
        return refs.stream().distinct().toList();
    }

    private int report(List<SnapshotRepair.Outcome> outcomes) {
        List<Map<String, Object>> json = new ArrayList<>();
        int repaired = 0;
        int unrepairable = 0;
        for (SnapshotRepair.Outcome o : outcomes) {
            if (!o.damaged()) {
                continue;
            }
            output().info("snapshot " + o.snapshot().shortId() + " of " + Formats.time(o.snapshot().snapshot().time()) + ":");
            o.damage().forEach(d -> output().info("  " + describe(d)));
            output().info("  " + outcome(o));
            repaired += o.newId() != null ? 1 : 0;
            unrepairable += o.newId() == null ? 1 : 0;
            json.add(JsonOutput.object("snapshot_id", o.snapshot().id(), "new_snapshot_id", dryRun ? null : o.newId(),
                    "forgotten", o.forgotten() && !dryRun, "damage", o.damage().stream().map(RepairSnapshotsCommand::json).toList()));
        }
        String verb = dryRun ? "would repair " : "repaired ";
        output().result(repaired + unrepairable == 0 ? "no snapshot references lost data (" + Formats.count(outcomes.size(),
                "snapshot", "snapshots") + " checked)" : verb + Formats.count(repaired, "snapshot", "snapshots")
                + (unrepairable > 0 ? "; " + unrepairable + " with nothing readable left" : "")
                + (dryRun ? " (dry run: nothing was changed)" : forget ? "" : "; the damaged originals are kept (remove them with --forget)"));
        output().json(JsonOutput.object("message_type", "summary", "dry_run", dryRun, "snapshots_checked", outcomes.size(),
                "snapshots_repaired", repaired, "snapshots_unreadable", unrepairable, "snapshots", json));
        return ExitCodes.OK;
    }

    private String outcome(SnapshotRepair.Outcome o) {
        String would = dryRun ? "would be " : "";
        if (o.newId() == null) {
            return o.forgotten() ? "nothing readable left: " + would + "removed" : "nothing readable left: kept as it is "
                    + "(remove it with --forget or 'cairn forget')";
        }
        String saved = dryRun ? "would be saved as a new snapshot" : "saved as " + o.newId().substring(0, 8);
        return saved + (o.forgotten() ? "; the original " + would + "removed" : "");
    }

    private static String describe(Damage d) {
        return switch (d.kind()) {
            case FILE_SHORTENED -> "file " + d.path() + ": " + Formats.count(d.missingBlobs(), "piece", "pieces")
                    + " lost; " + Formats.bytes(d.keptBytes()) + " kept";
            case DIR_EMPTIED -> "directory " + d.path() + ": cannot be read; now empty";
            case PART_DROPPED -> "directory " + d.path() + ": part of its listing cannot be read; those entries are gone";
            case ROOT_UNREADABLE -> "its top directory cannot be read";
        };
    }

    private static Map<String, Object> json(Damage d) {
        return JsonOutput.object("kind", d.kind().name().toLowerCase(java.util.Locale.ROOT), "path", d.path(),
                "missing_blobs", d.missingBlobs(), "kept_bytes", d.keptBytes());
    }
}
