package dev.cairn.server.web;

import dev.cairn.blob.BlobInfo;
import dev.cairn.protocol.RepoInfo;
import dev.cairn.server.storage.WriteRefusals;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One repository's health as the dashboard and the repository page show it: size, objects and last write (from the
 * repository table), how many snapshots it holds and when the last one arrived (from the store's arrival times), the
 * refused writes since the last successful one, and whether nothing arrived for {@link #STALE_DAYS} days. Built per
 * request; {@code sparkline} is an inline SVG of the stored bytes per day (numbers only).
 */
public record RepoHealth(RepoInfo repo, int snapshots, Instant lastSnapshotAt, List<WriteRefusals.Refusal> refusals,
        boolean stale, String sparkline) {
    /** No snapshot arriving for this many days raises the "nothing arrived" warning. */
    public static final int STALE_DAYS = 3;

    static RepoHealth of(RepoInfo repo, List<BlobInfo> snapshots, List<WriteRefusals.Refusal> refusals, Instant now,
            String sparkline) {
        Instant last = snapshots.stream().map(BlobInfo::storedAt).filter(Objects::nonNull).max(Instant::compareTo)
                .orElse(null);
        Instant since = last != null ? last : repo.createdAt();
        boolean stale = since != null && Duration.between(since, now).toDays() >= STALE_DAYS;
        return new RepoHealth(repo, snapshots.size(), last,
                refusals.stream().filter(r -> r.repo().equals(repo.name())).toList(), stale, sparkline);
    }

    /** Whether anything needs the owner's attention (refused writes, or nothing arrived for a while). */
    public boolean warning() {
        return !refusals.isEmpty() || stale;
    }

    /** The warning in words, or null: refusals first, they are the more urgent. */
    public String warningText(Instant now) {
        if (!refusals.isEmpty()) {
            WriteRefusals.Refusal r = refusals.getFirst();
            String what = r.reason().startsWith("quota") ? "the storage quota is full" : r.reason();
            return "Writes are refused: " + what + " (" + r.refusals() + " refused since "
                    + Format.time(r.firstAt(), "") + ", last " + Format.age(r.lastAt(), now, "") + "). Backups to "
                    + repo.name() + " are failing.";
        }
        if (stale) {
            return lastSnapshotAt == null
                    ? "No snapshot has arrived since the repository was created " + Format.age(repo.createdAt(), now, "")
                    + "."
                    : "Nothing arrived for " + Duration.between(lastSnapshotAt, now).toDays() + " days: the last "
                    + "snapshot arrived " + Format.age(lastSnapshotAt, now, "") + ".";
        }
        return null;
    }
}
