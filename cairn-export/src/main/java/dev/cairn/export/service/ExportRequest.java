package dev.cairn.export.service;

import dev.cairn.export.schedule.ExportMode;
import java.util.List;

/**
 * What an export is asked to carry: the formats (empty: all), whether the record history goes in, and full or
 * incremental (the changes since the workspace's previous finished export; built full when there is none).
 */
public record ExportRequest(List<String> formats, boolean history, ExportMode mode) {
    public ExportRequest {
        formats = formats == null ? List.of() : List.copyOf(formats);
        mode = mode == null ? ExportMode.FULL : mode;
    }

    /** A full export with history in {@code formats}. */
    public static ExportRequest full(List<String> formats) {
        return new ExportRequest(formats, true, ExportMode.FULL);
    }
}
