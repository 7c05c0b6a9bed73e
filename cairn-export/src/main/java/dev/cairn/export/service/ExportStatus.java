package dev.cairn.export.service;

import java.util.Locale;

/** Where an export is: waiting, being built, stored, or given up (with the reason). */
public enum ExportStatus {
    QUEUED, RUNNING, DONE, FAILED;

    /** The stored and wire name ({@code queued}, ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ExportStatus of(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
