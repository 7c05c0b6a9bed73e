package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Formats;
import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.blob.BlobKind;
import dev.cairn.engine.format.Json;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.repo.RepositoryLock;
import dev.cairn.engine.snapshot.Snapshot;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/**
 * {@code cairn tag}: changes the tags of snapshots, as {@code restic tag} does. A snapshot document is immutable (its id is
 * its hash), so a changed snapshot is written anew (same time, tree, paths and parent) and the old document deleted.
 */
@Command(name = "tag", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Add, remove or replace the tags of snapshots.",
                "Without SNAPSHOT ids, every snapshot the filters select is changed. A changed snapshot gets a new id and keeps "
                        + "its original time; unchanged ones keep their id."})
final class TagCommand extends BaseCommand {
    @Parameters(arity = "0..*", paramLabel = "SNAPSHOT", description = "snapshot ids (or unique prefixes, or 'latest')")
    List<String> ids = new ArrayList<>();

    @Option(names = "--add", paramLabel = "TAG[,TAG…]", description = "add tags")
    List<String> add = new ArrayList<>();

    @Option(names = "--remove", paramLabel = "TAG[,TAG…]", description = "remove tags")
    List<String> remove = new ArrayList<>();

    @Option(names = "--set", paramLabel = "TAG[,TAG…]", description = "replace all tags ('--set \"\"' removes them all)")
    List<String> set;

    @Mixin
    SnapshotFilterOptions filter;

    @Mixin
    LockOptions lock;

    @Override
    protected int execute() throws IOException {
        if (set == null && add.isEmpty() && remove.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "nothing to do: give --add, --remove or --set");
        }
        if (set != null && (!add.isEmpty() || !remove.isEmpty())) {
            throw new ParameterException(spec.commandLine(), "--set replaces all tags: it cannot be combined with --add or --remove");
        }
        try (OpenRepository open = openRepository();
                RepositoryLock held = lock.lockWait(spec).acquire(open.repo(), true,
                        (holder, wait) -> output().warn(Formats.lockWait(holder, wait)),
                        holder -> output().warn(Formats.deadLock(holder)))) {
            List<Map<String, Object>> changed = new ArrayList<>();
            for (SnapshotRef ref : selected(open.repo())) {
                List<String> tags = retag(ref.snapshot().tags());
                if (tags.equals(ref.snapshot().tags())) {
                    continue;
                }
                String id = rewrite(open.repo(), ref, tags);
                output().info("snapshot " + ref.shortId() + " is now " + id.substring(0, 8) + " (tags: "
                        + (tags.isEmpty() ? "none" : String.join(", ", tags)) + ")");
                changed.add(JsonOutput.object("old_snapshot_id", ref.id(), "new_snapshot_id", id, "tags", tags));
            }
            output().result("modified " + Formats.count(changed.size(), "snapshot", "snapshots"));
            output().json(JsonOutput.object("message_type", "summary", "changed_snapshots", changed.size(), "snapshots", changed));
            return ExitCodes.OK;
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

    /** The tags after the options are applied: --set replaces, then --remove, then --add (restic's order); no duplicates. */
    List<String> retag(List<String> current) {
        LinkedHashSet<String> tags = new LinkedHashSet<>(set != null ? split(set) : current);
        split(remove).forEach(tags::remove);
        tags.addAll(split(add));
        return List.copyOf(tags);
    }

    private static List<String> split(List<String> values) {
        return values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    /**
     * Stores the snapshot with {@code tags} (everything else as it was, {@code original} naming the first id of this
     * snapshot, as restic records it), then deletes the old document. Returns the new id.
     */
    private static String rewrite(Repository repo, SnapshotRef ref, List<String> tags) throws IOException {
        Snapshot tagged = ref.snapshot().rewritten(ref.id(), ref.snapshot().tree(), tags);
        String id = repo.saveUnpacked(BlobKind.SNAPSHOT, Json.write(tagged)).hex();
        repo.deleteIfPresent(BlobKind.SNAPSHOT, ref.id()); // gone either way (a retried request, a concurrent forget)
        return id;
    }
}
