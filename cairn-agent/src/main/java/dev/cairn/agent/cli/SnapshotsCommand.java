package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Formats;
import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.agent.ui.Table;
import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.engine.snapshot.Snapshot;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cairn snapshots}: lists snapshots, oldest first, each with the time it claims and the time the store received
 * it (its arrival, which no client can set); a snapshot whose claimed time is more than {@link #SUSPECT} away from its
 * arrival is flagged, since a forged time could make retention delete real snapshots (restic #3195).
 */
@Command(name = "snapshots", mixinStandardHelpOptions = true, description = "List snapshots, oldest first.")
final class SnapshotsCommand extends BaseCommand {
    /** How far a snapshot's own time may be from its arrival before it is flagged. */
    static final Duration SUSPECT = Duration.ofDays(1);

    @Mixin
    SnapshotFilterOptions filter;

    @Override
    protected int execute() throws Exception {
        try (OpenRepository open = openRepositoryForReading()) {
            List<BlobInfo> listing = open.repo().objects(BlobKind.SNAPSHOT); // one listing: the ids and their arrivals
            List<SnapshotRef> refs = Snapshots.list(open.repo(), listing.stream().map(i -> i.name().id()).toList()).stream()
                    .filter(r -> filter.predicate().test(r.snapshot())).toList();
            Map<String, Instant> arrivals = arrivals(listing);
            output().json(refs.stream().map(r -> json(r, arrivals.get(r.id()))).toList());
            if (!output().json()) {
                printTable(refs, arrivals);
            }
            return ExitCodes.OK;
        }
    }

    private static Map<String, Instant> arrivals(List<BlobInfo> listing) {
        Map<String, Instant> arrivals = new HashMap<>();
        for (BlobInfo info : listing) {
            if (info.storedAt() != null) {
                arrivals.put(info.name().id(), info.storedAt());
            }
        }
        return arrivals;
    }

    /** Whether the snapshot's claimed time is more than {@link #SUSPECT} away from its arrival (false if unknown). */
    static boolean suspect(Snapshot s, Instant arrived) {
        return arrived != null && s.time() != null && Duration.between(s.time(), arrived).abs().compareTo(SUSPECT) > 0;
    }

    private void printTable(List<SnapshotRef> refs, Map<String, Instant> arrivals) {
        Table table = new Table("ID", "Time", "Arrived", "Host", "Tags", "Paths", "Size");
        boolean anySuspect = false;
        for (SnapshotRef r : refs) {
            Snapshot s = r.snapshot();
            Instant arrived = arrivals.get(r.id());
            boolean suspect = suspect(s, arrived);
            anySuspect |= suspect;
            String size = s.summary() == null ? "" : Formats.bytes(s.summary().totalBytes());
            table.add(r.shortId() + (s.partial() ? "!" : ""), Formats.time(s.time()) + (suspect ? " *" : ""),
                    Formats.time(arrived), s.hostname(), String.join(",", s.tags()), String.join("\n", s.paths()), size);
        }
        table.render().forEach(output()::result);
        output().result(Formats.count(refs.size(), "snapshot", "snapshots")
                + (refs.stream().anyMatch(r -> r.snapshot().partial()) ? " (! = partial: some items could not be read)" : ""));
        if (anySuspect) {
            output().result("* the snapshot's own time is more than a day away from when the repository received it: its "
                    + "clock was wrong, or the time was forged (retention rules by time would keep or drop the wrong snapshots)");
        }
    }

    /** A snapshot as JSON: its id first, then the stored document's fields. */
    static Map<String, Object> json(SnapshotRef ref) {
        Map<String, Object> doc = JsonOutput.object("id", ref.id(), "short_id", ref.shortId());
        doc.putAll(JsonOutput.fields(ref.snapshot()));
        return doc;
    }

    /** As {@link #json(SnapshotRef)}, with {@code arrived} (null when the store does not know) and {@code time_suspect}. */
    static Map<String, Object> json(SnapshotRef ref, Instant arrived) {
        Map<String, Object> doc = json(ref);
        doc.put("arrived", arrived == null ? null : arrived.toString());
        doc.put("time_suspect", suspect(ref.snapshot(), arrived));
        return doc;
    }
}
