package dev.cairn.server.runs;

import java.util.List;

/** The kinds of run an agent reports, by their wire names. */
public final class RunKind {
    public static final String BACKUP = "backup";
    public static final String CHECK = "check";
    public static final List<String> ALL = List.of(BACKUP, CHECK, "forget", "prune", "export-pull");
    /** The statuses of a run. */
    public static final String SUCCESS = "success";
    public static final List<String> STATUSES = List.of(SUCCESS, "failed", "partial");

    private RunKind() {
    }
}
