package dev.cairn.engine.forget;

import dev.cairn.engine.snapshot.SnapshotRef;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongBiFunction;

/**
 * Applies a {@link RetentionPolicy} to one group of snapshots exactly as restic's {@code ApplyPolicy} does
 * ({@code internal/data/snapshot_policy.go}; known-answer tests from its golden files): the snapshots are sorted newest
 * first (stable, so equal times keep their given order), then each bucket rule keeps a snapshot whose hour / day / ISO week /
 * month / year differs from the last one it kept while it has counts left, and also the oldest snapshot if counts are
 * left ({@code oldest daily snapshot}). Calendar fields are read in {@code zone}. Stateless.
 */
public final class SnapshotPolicy {
    private static final String[] BUCKET_REASONS = {"last snapshot", "hourly snapshot", "daily snapshot", "weekly snapshot",
            "monthly snapshot", "yearly snapshot"};
    private static final String[] WITHIN_REASONS = {"hourly within", "daily within", "weekly within", "monthly within",
            "yearly within"};
    /** Bucket keys: the snapshot's number (every snapshot its own bucket), then hour, day, ISO week, month, year. */
    private static final List<ToLongBiFunction<ZonedDateTime, Integer>> BUCKERS = List.of(
            (t, nr) -> nr,
            (t, nr) -> t.getYear() * 1_000_000L + t.getMonthValue() * 10_000L + t.getDayOfMonth() * 100L + t.getHour(),
            (t, nr) -> t.getYear() * 10_000L + t.getMonthValue() * 100L + t.getDayOfMonth(),
            (t, nr) -> t.get(IsoFields.WEEK_BASED_YEAR) * 100L + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR),
            (t, nr) -> t.getYear() * 100L + t.getMonthValue(),
            (t, nr) -> t.getYear());

    private SnapshotPolicy() {
    }

    /** A kept snapshot, the rules that keep it, and the counts left after it (last, hourly, daily, weekly, monthly, yearly). */
    public record Kept(SnapshotRef snapshot, List<String> reasons, List<Integer> countsLeft) {
    }

    /** The outcome for one group, both lists newest first. */
    public record Outcome(List<Kept> keep, List<SnapshotRef> remove) {
    }

    /**
     * Sorts {@code group} newest first and splits it into snapshots to keep (with reasons) and to remove.
     *
     * @param now snapshots after this are in the future and do not count as the newest for the {@code within} rules
     */
    public static Outcome apply(List<SnapshotRef> group, RetentionPolicy policy, ZoneId zone, Instant now) {
        List<SnapshotRef> sorted = new ArrayList<>(group);
        sorted.sort(Comparator.comparing((SnapshotRef r) -> r.snapshot().time()).reversed());
        ZonedDateTime latest = latest(sorted, now, zone);
        int[] counts = policy.counts();
        long[] lastKey = new long[BUCKERS.size()];
        long[] lastWithinKey = new long[WITHIN_REASONS.length];
        boolean[] started = new boolean[BUCKERS.size()];
        boolean[] startedWithin = new boolean[WITHIN_REASONS.length];
        List<Kept> keep = new ArrayList<>();
        List<SnapshotRef> remove = new ArrayList<>();
        for (int nr = 0; nr < sorted.size(); nr++) {
            SnapshotRef cur = sorted.get(nr);
            ZonedDateTime t = cur.snapshot().time().atZone(zone);
            boolean oldest = nr == sorted.size() - 1;
            List<String> reasons = new ArrayList<>();
            for (List<String> tags : policy.keepTags()) {
                if (cur.snapshot().tags().containsAll(tags)) {
                    reasons.add("has tags " + goList(tags));
                }
            }
            if (!policy.within().isZero() && (latest == null || t.isAfter(policy.within().before(latest)))) {
                reasons.add("within " + policy.within());
            }
            for (int i = 0; i < BUCKERS.size(); i++) {
                if (counts[i] > 0 || counts[i] == RetentionPolicy.ALL) {
                    long key = BUCKERS.get(i).applyAsLong(t, nr);
                    boolean same = started[i] && key == lastKey[i];
                    if (!same || oldest) {
                        reasons.add((same ? "oldest " : "") + BUCKET_REASONS[i]);
                        lastKey[i] = key;
                        started[i] = true;
                        if (counts[i] > 0) {
                            counts[i]--;
                        }
                    }
                }
            }
            RetentionDuration[] withins = policy.withins();
            for (int i = 0; i < withins.length; i++) {
                if (!withins[i].isZero() && (latest == null || t.isAfter(withins[i].before(latest)))) {
                    long key = BUCKERS.get(i + 1).applyAsLong(t, nr);
                    boolean same = startedWithin[i] && key == lastWithinKey[i];
                    if (!same || oldest) {
                        reasons.add((same ? "oldest " : "") + WITHIN_REASONS[i] + " " + withins[i]);
                        lastWithinKey[i] = key;
                        startedWithin[i] = true;
                    }
                }
            }
            if (reasons.isEmpty()) {
                remove.add(cur);
            } else {
                keep.add(new Kept(cur, List.copyOf(reasons), java.util.Arrays.stream(counts).boxed().toList()));
            }
        }
        return new Outcome(List.copyOf(keep), List.copyOf(remove));
    }

    /** The newest snapshot time not after {@code now}, in {@code zone}; null if every snapshot is in the future. */
    private static ZonedDateTime latest(List<SnapshotRef> sorted, Instant now, ZoneId zone) {
        for (SnapshotRef r : sorted) {
            if (r.snapshot().time().isBefore(now)) {
                return r.snapshot().time().atZone(zone);
            }
        }
        return null;
    }

    /** A tag list as restic prints it: {@code [foo, bar]}. */
    private static String goList(List<String> tags) {
        return "[" + String.join(", ", tags) + "]";
    }
}
