package dev.cairn.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * The stable codes of problem responses ({@code application/problem+json}, RFC 9457). The wire form is {@link #code()}
 * (never {@link #name()}); the problem's {@code type} is {@link #type()}. Each code has one HTTP status, so a client can
 * decide what to do from the code alone: {@link #retryable()} says whether the same request may succeed later unchanged.
 */
public enum ErrorCode {
    BAD_REQUEST("bad-request", 400, "Malformed request", false),
    INVALID_NAME("invalid-name", 400, "Invalid name", false),
    DIGEST_MISMATCH("digest-mismatch", 400, "Content does not match its name", false),
    INCOMPLETE_BODY("incomplete-body", 400, "Request body shorter than declared", false),
    AUTHORIZATION_PENDING("authorization-pending", 400, "Sign-in not approved yet", true),
    SLOW_DOWN("slow-down", 400, "Polling too fast", true),
    ACCESS_DENIED("access-denied", 400, "Sign-in denied", false),
    EXPIRED_TOKEN("expired-token", 400, "Device code expired", false),
    UNAUTHENTICATED("unauthenticated", 401, "Authentication required", false),
    TOKEN_EXPIRED("token-expired", 401, "Token expired", false),
    TOKEN_REVOKED("token-revoked", 401, "Token revoked", false),
    PAYMENT_REQUIRED("payment-required", 402, "Payment required", false),
    FORBIDDEN("forbidden", 403, "Not allowed", false),
    ACCOUNT_SUSPENDED("account-suspended", 403, "Account suspended", false),
    CSRF("csrf", 403, "Missing or wrong CSRF token", false),
    SIGNUP_CLOSED("signup-closed", 403, "Sign-up is closed", false),
    APPEND_ONLY("append-only", 403, "Append-only credential", false),
    RETENTION_LOCKED("retention-locked", 403, "Retention lock", false),
    PASSWORD_REQUIRED("password-required", 403, "Password required", false),
    NOT_FOUND("not-found", 404, "Not found", false),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed", false),
    ALREADY_EXISTS("already-exists", 409, "Already exists", false),
    VERSION_CONFLICT("version-conflict", 409, "Record changed since you read it", false),
    IN_USE("in-use", 409, "Still in use", false),
    LEASE_CONFLICT("lease-conflict", 409, "Repository leased", true),
    NO_RECIPIENT("no-recipient", 409, "No export recipient", false),
    EXPORT_NOT_READY("export-not-ready", 409, "Export not ready", false),
    NO_SOFTWARE("no-software", 409, "No software to put in the copy", false),
    WORKSPACE_CHANGED("workspace-changed", 409, "Workspace changed since the diff", false),
    COPY_REFUSED("copy-refused", 422, "Copy cannot be restored", false),
    GONE("gone", 410, "No longer available", false),
    LEASE_LOST("lease-lost", 410, "Lease lost", false),
    LENGTH_REQUIRED("length-required", 411, "Content-Length required", false),
    TOO_LARGE("too-large", 413, "Request too large", false),
    QUOTA_TOO_SMALL("quota-too-small", 413, "Object larger than the quota", false),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type", false),
    VALIDATION_FAILED("validation-failed", 422, "Invalid values", false),
    VERSION_REQUIRED("version-required", 428, "Record version required", false),
    RANGE_NOT_SATISFIABLE("range-not-satisfiable", 416, "Range not satisfiable", false),
    TOO_MANY_REQUESTS("too-many-requests", 429, "Too many attempts", true),
    INTERNAL("internal", 500, "Internal server error", true),
    STORE_UNAVAILABLE("store-unavailable", 503, "Storage temporarily unavailable", true),
    DATABASE_UNAVAILABLE("database-unavailable", 503, "Database temporarily unavailable", true),
    QUOTA_EXCEEDED("quota-exceeded", 507, "Quota exceeded", false),
    STORAGE_FULL("storage-full", 507, "Server storage full", false);

    /** Prefix of every problem type URI; the code follows it. */
    public static final String TYPE_PREFIX = "https://cairn.dev/problems/";

    private final String code;
    private final int status;
    private final String title;
    private final boolean retryable;

    ErrorCode(String code, int status, String title, boolean retryable) {
        this.code = code;
        this.status = status;
        this.title = title;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Whether repeating the identical request later may succeed (server-side or rate-limit trouble). */
    public boolean retryable() {
        return retryable;
    }

    /** The problem {@code type} URI of this code. */
    public String type() {
        return TYPE_PREFIX + code;
    }

    /** Looks a code up by its wire form. */
    public static Optional<ErrorCode> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
}
