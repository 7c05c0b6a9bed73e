package dev.cairn.agent.daemon;

import java.time.Instant;
import java.util.List;

/**
 * One run as reported to the server: {@code POST /api/v1/runs} (docs/spec/http-api.md §14.1, specified with the server side). {@code runId} is
 * the idempotency key: a report sent twice is recorded once.
 *
 * @param kind   {@code backup}, {@code check}, {@code forget}, {@code prune} or {@code export-pull}
 * @param status {@code success}, {@code failed} or {@code partial} (some items could not be read)
 */
public record RunReport(String runId, String kind, String set, String repository, String host, String agentVersion,
        Instant startedAt, Instant endedAt, String status, String snapshotId, long filesNew, long filesChanged,
        long filesUnchanged, long bytesNew, long bytesChanged, long bytesUnchanged, long bytesStored, List<String> errors,
        boolean damageFound) {
    public RunReport {
        errors = errors == null ? List.of() : errors.stream().limit(MAX_ERRORS).map(RunReport::clip).toList();
    }

    /** The server keeps at most 100 errors of at most 1,000 characters (docs/spec/http-api.md §14.1). */
    static final int MAX_ERRORS = 100;
    static final int MAX_ERROR_LENGTH = 1000;

    private static String clip(String error) {
        String e = error == null ? "" : error.strip();
        return e.length() <= MAX_ERROR_LENGTH ? e : e.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }

    /** A run that did no counted work (forget, export-pull, or a failure before any). */
    static RunReport simple(String runId, String kind, String set, String repository, String host, String version,
                            Instant start, Instant end, String status, List<String> errors) {
        return new RunReport(runId, kind, set, repository, host, version, start, end, status, null, 0, 0, 0, 0, 0, 0, 0, errors, false);
    }
}
