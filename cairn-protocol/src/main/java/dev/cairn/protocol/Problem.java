package dev.cairn.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An error response body, {@code application/problem+json} (RFC 9457) with cairn's extension members. Absent members are
 * omitted. Quota problems carry {@code quotaBytes}, {@code usageBytes} and {@code requestedBytes}; throttled requests
 * carry {@code retryAfterSeconds}.
 *
 * @param type   {@link ErrorCode#type()}
 * @param title  short, fixed per code
 * @param status the HTTP status
 * @param detail what went wrong in this request and what the caller can do about it
 * @param code   {@link ErrorCode#code()}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, Long quotaBytes,
        Long usageBytes, Long requestedBytes, Long retryAfterSeconds) {

    /** A problem of {@code code} without extension members. */
    public static Problem of(ErrorCode code, String detail) {
        return new Problem(code.type(), code.title(), code.status(), detail, code.code(), null, null, null, null);
    }
}
