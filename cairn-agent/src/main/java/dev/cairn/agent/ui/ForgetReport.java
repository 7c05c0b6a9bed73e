package dev.cairn.agent.ui;

import dev.cairn.engine.forget.ForgetListener;
import dev.cairn.engine.forget.SnapshotGroups;
import dev.cairn.engine.forget.SnapshotPolicy;
import dev.cairn.engine.snapshot.Snapshot;
import dev.cairn.engine.snapshot.SnapshotRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders forget: per group the snapshots kept, each with the rules that keep it ({@code daily snapshot},
 * {@code within 30d}, {@code has tags [keep]}), and those removed; in JSON mode one document listing the groups.
 */
public final class ForgetReport implements ForgetListener {
    private final Output output;
    private final List<Map<String, Object>> groups = new ArrayList<>();

    public ForgetReport(Output output) {
        this.output = output;
    }

    @Override
    public void lockWaiting(String holder, Duration retryFor) {
        output.warn(Formats.lockWait(holder, retryFor));
    }

    @Override
    public void group(SnapshotGroups.Key key, SnapshotPolicy.Outcome outcome) {
        output.result("snapshots of " + key + ":");
        Table keep = new Table("ID", "Time", "Host", "Tags", "Kept because");
        for (SnapshotPolicy.Kept k : outcome.keep()) {
            Snapshot s = k.snapshot().snapshot();
            keep.add(k.snapshot().shortId(), Formats.time(s.time()), s.hostname(), String.join(",", s.tags()),
                    String.join(", ", k.reasons()));
        }
        output.result("keep " + Formats.count(outcome.keep().size(), "snapshot", "snapshots") + ":");
        keep.render().forEach(output::result);
        if (!outcome.remove().isEmpty()) {
            Table remove = new Table("ID", "Time", "Host", "Tags");
            for (SnapshotRef r : outcome.remove()) {
                remove.add(r.shortId(), Formats.time(r.snapshot().time()), r.snapshot().hostname(), String.join(",", r.snapshot().tags()));
            }
            output.result("remove " + Formats.count(outcome.remove().size(), "snapshot", "snapshots") + ":");
            remove.render().forEach(output::result);
        }
        output.result("");
        groups.add(JsonOutput.object("host", key.host(), "paths", key.paths(), "tags", key.tags(),
                "keep", outcome.keep().stream().map(k -> JsonOutput.object("id", k.snapshot().id(), "time", k.snapshot().snapshot().time(),
                        "reasons", k.reasons())).toList(),
                "remove", outcome.remove().stream().map(r -> JsonOutput.object("id", r.id(), "time", r.snapshot().time())).toList()));
    }

    /** The closing line and the JSON document. */
    public void finish(boolean dryRun, int removed) {
        output.info(dryRun ? "dry run: no snapshot was removed" : "removed " + Formats.count(removed, "snapshot", "snapshots"));
        output.json(JsonOutput.object("message_type", "forget", "dry_run", dryRun, "removed", removed, "groups", groups));
    }
}
