package dev.cairn.server.runs;

import java.time.Instant;
import java.util.List;

/**
 * A run as an agent reports it ({@code POST /api/v1/runs}, docs/spec/http-api.md section 14), validated by
 * {@link RunReportParser}: {@code runId} a UUID (the idempotency key), {@code kind} and {@code status} from
 * {@link RunKind}, strings of at most 200 characters, counters non-negative, at most 100 errors of at most 1,000
 * characters, {@code endedAt} not before {@code startedAt}. {@code set}, {@code repository}, {@code agentVersion} and
 * {@code snapshotId} may be null.
 */
public record RunReport(String runId, String kind, String set, String repository, String host, String agentVersion,
        Instant startedAt, Instant endedAt, String status, String snapshotId, Counts counts, List<String> errors,
        boolean damageFound) {

    /** Files and bytes of a run: new, changed and unchanged ones, and what it stored. */
    public record Counts(long filesNew, long filesChanged, long filesUnchanged, long bytesNew, long bytesChanged,
            long bytesUnchanged, long bytesStored) {
    }
}
