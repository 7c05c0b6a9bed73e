package dev.cairn.export.schedule;

import java.util.Locale;
import java.util.Optional;

/**
 * What an export carries (docs/spec/export-format.md §7): the whole workspace ({@code full}), or the changes since the
 * workspace's previous export ({@code incremental}), chained to it by its manifest's SHA-256.
 */
public enum ExportMode {
    FULL, INCREMENTAL;

    /** The wire and stored name. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode of {@code wireName}; empty if it is none. A null name is {@link #FULL}. */
    public static Optional<ExportMode> of(String wireName) {
        if (wireName == null) {
            return Optional.of(FULL);
        }
        for (ExportMode m : values()) {
            if (m.wireName().equals(wireName)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The problem with a mode that is none, in the owner's words. */
    public static String problem(String wireName) {
        return "mode is full or incremental, not '" + wireName + "'";
    }
}
