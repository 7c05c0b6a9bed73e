package dev.cairn.agent.daemon;

import java.time.Instant;
import java.util.List;

/**
 * One run as reported to the server: {@code POST /api/v1/runs} (docs/spec/http-api.md, Run reports). {@code runId} is
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
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** A run that did no counted work (forget, export-pull, or a failure before any). */
    static RunReport simple(String runId, String kind, String set, String repository, String host, String version,
                            Instant start, Instant end, String status, List<String> errors) {
        return new RunReport(runId, kind, set, repository, host, version, start, end, status, null, 0, 0, 0, 0, 0, 0, 0, errors, false);
    }
}
