package dev.cairn.export.service;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The retention of scheduled workspaces (the job): of a workspace's finished exports, newest first, it keeps the
 * newest {@link Schedule#keepLast} done ones and none older than {@link Schedule#keepDays} days, except that the newest
 * done export is never deleted for its age (a copy always stays until a newer one is done), and every export a kept
 * incremental export chains to, back to its full export, stays too (ADR 30): a kept incremental is never left without
 * the exports it needs. Failed exports hold no bytes and are kept as records until they are older than
 * {@code keepDays}. Deleting gives the bytes back to the quota ({@link ExportService#delete}). Workspaces without a
 * schedule keep everything until the owner deletes it. Thread-safe.
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
        List<Export> all = exports.list(s.workspaceId());
        List<Export> drop = unwanted(s, all);
        Set<Long> needed = needed(all, drop);
        drop.removeIf(e -> needed.contains(e.id()));
        int deleted = 0;
        for (Export e : drop) {
            try {
                exports.delete(e);
                deleted++;
            } catch (ServiceException inUse) {
                if (inUse.code() != ErrorCode.IN_USE) {
                    throw inUse;
                } // a newer incremental of this one finished since the list was read: kept until the next run
            }
        }
        return deleted;
    }

    /** The exports past the newest {@code keepLast} done or older than {@code keepDays}, newest first. */
    private List<Export> unwanted(Schedule s, List<Export> newestFirst) {
        Instant oldest = clock.instant().minus(Duration.ofDays(s.keepDays()));
        int done = 0;
        List<Export> drop = new ArrayList<>();
        for (Export e : newestFirst) {
            boolean old = e.finishedAt() != null && e.finishedAt().isBefore(oldest);
            boolean unwanted = switch (e.status()) {
                case DONE -> ++done > 1 && (done > s.keepLast() || old);
                case FAILED -> old;
                case QUEUED, RUNNING -> false;
            };
            if (unwanted) {
                drop.add(e);
            }
        }
        return drop;
    }

    /** The exports the kept incremental ones chain to, back to their full exports. */
    private static Set<Long> needed(List<Export> all, List<Export> drop) {
        Map<Long, Export> byId = all.stream().collect(Collectors.toMap(Export::id, Function.identity()));
        Set<Long> dropped = drop.stream().map(Export::id).collect(Collectors.toSet());
        Set<Long> needed = new HashSet<>();
        for (Export e : all) {
            if (e.status() != ExportStatus.DONE || dropped.contains(e.id())) {
                continue;
            }
            for (Long p = e.previousId(); p != null && needed.add(p); ) {
                Export previous = byId.get(p);
                p = previous == null ? null : previous.previousId();
            }
        }
        return needed;
    }
}
