package dev.cairn.server.error;

import dev.cairn.protocol.ErrorCode;
import java.time.Duration;

/** Too many failed logins for an account or from an address; retry after {@link #retryAfter()}. */
public final class ThrottledException extends ServiceException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public ThrottledException(Duration retryAfter) {
        super(ErrorCode.TOO_MANY_REQUESTS, "too many failed logins; try again in " + Math.max(1, retryAfter.toSeconds())
                + " seconds");
        this.retryAfter = retryAfter;
    }

    @Override
    public dev.cairn.protocol.Problem problem() {
        return new dev.cairn.protocol.Problem(code().type(), code().title(), code().status(), getMessage(), code().code(),
                null, null, null, Math.max(1, retryAfter.toSeconds()));
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
