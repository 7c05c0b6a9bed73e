package dev.cairn.server.error;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.Problem;
import java.time.Instant;

/** A delete refused because the object is younger than its repository's retention lock; carries when it may go. */
public final class RetentionLockedException extends ServiceException {
    private static final long serialVersionUID = 1L;
    private final Instant retainedUntil;

    public RetentionLockedException(String message, Instant retainedUntil) {
        super(ErrorCode.RETENTION_LOCKED, message);
        this.retainedUntil = retainedUntil;
    }

    public Instant retainedUntil() {
        return retainedUntil;
    }

    @Override
    public Problem problem() {
        return super.problem().withRetainedUntil(retainedUntil);
    }
}
