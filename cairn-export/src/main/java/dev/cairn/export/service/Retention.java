package dev.cairn.export.service;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The retention of scheduled workspaces (the job): of a workspace's finished exports, newest first, it keeps the
 * newest {@link Schedule#keepLast} done ones and none older than {@link Schedule#keepDays} days, except that the newest
 * done export is never deleted for its age (a copy always stays until a newer one is done). Failed exports hold no
 * bytes and are kept as records until they are older than {@code keepDays}. Deleting gives the bytes back to the quota
 * ({@link ExportService#delete}). Workspaces without a schedule keep everything until the owner deletes it.
 * Thread-safe.
 */
public final class Retention {
    private final ScheduleTable schedules;
    private final ExportService exports;
    private final InstantSource clock;

    Retention(ScheduleTable schedules, ExportService exports, InstantSource clock) {
        this.schedules = schedules;
        this.exports = exports;
        this.clock = clock;
    }

    /** Deletes what every schedule's retention no longer keeps; returns how many exports it deleted. */
    public int prune() throws IOException {
        int deleted = 0;
        for (Schedule s : schedules.all()) {
            deleted += prune(s);
        }
        return deleted;
    }

    private int prune(Schedule s) throws IOException {
        Instant oldest = clock.instant().minus(Duration.ofDays(s.keepDays()));
        int done = 0;
        int deleted = 0;
        for (Export e : exports.list(s.workspaceId())) {
            boolean old = e.finishedAt() != null && e.finishedAt().isBefore(oldest);
            boolean drop = switch (e.status()) {
                case DONE -> ++done > 1 && (done > s.keepLast() || old);
                case FAILED -> old;
                case QUEUED, RUNNING -> false;
            };
            if (drop) {
                exports.delete(e);
                deleted++;
            }
        }
        return deleted;
    }
}
