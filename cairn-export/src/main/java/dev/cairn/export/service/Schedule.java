package dev.cairn.export.service;

import dev.cairn.export.schedule.Interval;
import java.time.Instant;
import java.util.List;

/**
 * A workspace's export schedule: how often, in which formats, what the retention keeps (the newest {@code keepLast}
 * finished exports, none older than {@code keepDays} days), and when the next export is due.
 */
public record Schedule(long workspaceId, Interval interval, List<String> formats, int keepLast, int keepDays,
        Instant nextAt, String updatedBy, Instant updatedAt) {
    public Schedule {
        formats = List.copyOf(formats);
    }
}
