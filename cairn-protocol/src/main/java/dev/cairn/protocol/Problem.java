package dev.cairn.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An error response body, {@code application/problem+json} (RFC 9457) with cairn's extension members. Absent members are
 * omitted. Quota problems carry {@code quotaBytes}, {@code usageBytes} and {@code requestedBytes}; throttled requests
 * carry {@code retryAfterSeconds}. Validation problems carry {@code errors} (one per offending field, with its path);
 * version conflicts carry {@code current}, the record as it is now. A schema change refused because saved reports use
 * what it would remove ({@code in-use}) carries {@code column} (the path {@code table.column}, or the table's name) and
 * {@code reports} (their names), besides {@code errors}. A delete refused by a retention lock carries
 * {@code retainedUntil}; a lease refused by a conflict carries {@code holders} and {@code retryAfterSeconds}.
 *
 * @param type   {@link ErrorCode#type()}
 * @param title  short, fixed per code
 * @param status the HTTP status
 * @param detail what went wrong in this request and what the caller can do about it
 * @param code   {@link ErrorCode#code()}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, Long quotaBytes,
        Long usageBytes, Long requestedBytes, Long retryAfterSeconds, List<FieldError> errors, Object current,
        String column, List<String> reports, java.time.Instant retainedUntil, List<Lease> holders) {

    /** A problem without the workspace members ({@code errors}, {@code current}). */
    public Problem(String type, String title, int status, String detail, String code, Long quotaBytes,
            Long usageBytes, Long requestedBytes, Long retryAfterSeconds) {
        this(type, title, status, detail, code, quotaBytes, usageBytes, requestedBytes, retryAfterSeconds, null, null,
                null, null, null, null);
    }

    /** This problem with {@code errors}. */
    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, code, quotaBytes, usageBytes, requestedBytes, retryAfterSeconds,
                List.copyOf(fieldErrors), current, column, reports, retainedUntil, holders);
    }

    /** This problem with {@code current}. */
    public Problem withCurrent(Object currentValue) {
        return new Problem(type, title, status, detail, code, quotaBytes, usageBytes, requestedBytes, retryAfterSeconds,
                errors, currentValue, column, reports, retainedUntil, holders);
    }

    /** This problem with {@code column} and {@code reports} (a schema change that would break saved reports). */
    public Problem withReports(String columnPath, List<String> reportNames) {
        return new Problem(type, title, status, detail, code, quotaBytes, usageBytes, requestedBytes, retryAfterSeconds,
                errors, current, columnPath, List.copyOf(reportNames), retainedUntil, holders);
    }

    /** This problem with {@code retainedUntil}: a delete refused by a retention lock. */
    public Problem withRetainedUntil(java.time.Instant until) {
        return new Problem(type, title, status, detail, code, quotaBytes, usageBytes, requestedBytes, retryAfterSeconds,
                errors, current, column, reports, until, holders);
    }

    /** This problem with {@code holders} and {@code retryAfterSeconds}: a lease refused because of these leases. */
    public Problem withHolders(List<Lease> leases, long retryAfter) {
        return new Problem(type, title, status, detail, code, quotaBytes, usageBytes, requestedBytes, retryAfter,
                errors, current, column, reports, retainedUntil, List.copyOf(leases));
    }

    /** One invalid value: {@code field} is its path in the request ({@code total.currency}, {@code row 3: email}). */
    public record FieldError(String field, String message) {
    }

    /** A problem of {@code code} without extension members. */
    public static Problem of(ErrorCode code, String detail) {
        return new Problem(code.type(), code.title(), code.status(), detail, code.code(), null, null, null, null);
    }
}
