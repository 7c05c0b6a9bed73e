package dev.cairn.export.service;

import dev.cairn.export.schedule.ExportMode;
import java.util.List;

/**
 * What an export is asked to carry: the formats (empty: all), whether the record history goes in, full or
 * incremental (the changes since the workspace's previous finished export; built full when there is none), and
 * whether the running cairn distribution goes in ({@code withSoftware}, the escrow copy).
 */
public record ExportRequest(List<String> formats, boolean history, ExportMode mode, boolean withSoftware) {
    public ExportRequest {
        formats = formats == null ? List.of() : List.copyOf(formats);
        mode = mode == null ? ExportMode.FULL : mode;
    }

    /** Without the software (escrow, docs/spec/export-format.md §9). */
    public ExportRequest(List<String> formats, boolean history, ExportMode mode) {
        this(formats, history, mode, false);
    }

    /** A full export with history in {@code formats}. */
    public static ExportRequest full(List<String> formats) {
        return new ExportRequest(formats, true, ExportMode.FULL);
    }
}
