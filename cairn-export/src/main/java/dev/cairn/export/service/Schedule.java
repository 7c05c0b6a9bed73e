package dev.cairn.export.service;

import dev.cairn.export.schedule.ExportMode;
import dev.cairn.export.schedule.Interval;
import java.time.Instant;
import java.util.List;

/**
 * A workspace's export schedule: how often, in which formats, with the record history or not, full or incremental
 * (then a full export every {@code fullEvery} exports), what the retention keeps (the newest {@code keepLast} finished
 * exports, none older than {@code keepDays} days), when the next export is due, and since when it has had no recipient
 * (null while it has one: then it starts nothing and its owner is emailed once), and whether its full exports carry
 * the cairn distribution ({@code withSoftware}, default true; when the server runs from one).
 */
public record Schedule(long workspaceId, Interval interval, List<String> formats, boolean history, ExportMode mode,
        int fullEvery, int keepLast, int keepDays, Instant nextAt, String updatedBy, Instant updatedAt,
        Instant noRecipientSince, boolean withSoftware) {
    public Schedule {
        formats = List.copyOf(formats);
    }

    /** A schedule whose full exports carry the software (the default). */
    public Schedule(long workspaceId, Interval interval, List<String> formats, boolean history, ExportMode mode,
            int fullEvery, int keepLast, int keepDays, Instant nextAt, String updatedBy, Instant updatedAt,
            Instant noRecipientSince) {
        this(workspaceId, interval, formats, history, mode, fullEvery, keepLast, keepDays, nextAt, updatedBy,
                updatedAt, noRecipientSince, true);
    }
}
