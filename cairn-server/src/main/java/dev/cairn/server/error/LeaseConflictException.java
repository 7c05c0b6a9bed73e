package dev.cairn.server.error;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.Lease;
import dev.cairn.protocol.Problem;
import java.util.List;

/** A lease refused because of live leases of others: who holds them, and when the first of them ends. */
public final class LeaseConflictException extends ServiceException {
    private static final long serialVersionUID = 1L;
    private final transient List<Lease> holders;
    private final long retryAfterSeconds;

    public LeaseConflictException(String message, List<Lease> holders, long retryAfterSeconds) {
        super(ErrorCode.LEASE_CONFLICT, message);
        this.holders = List.copyOf(holders);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Problem problem() {
        return super.problem().withHolders(holders, retryAfterSeconds);
    }
}
