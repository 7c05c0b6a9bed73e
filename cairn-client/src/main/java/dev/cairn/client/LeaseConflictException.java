package dev.cairn.client;

import java.time.Duration;
import java.util.List;

/** 409 {@code lease-conflict}: another holder's live lease stands in the way; it ends by itself at the latest after its TTL. */
public final class LeaseConflictException extends ServerProblemException {
    private static final long serialVersionUID = 1L;
    private final transient List<Lease> holders;
    private final transient Duration retryAfter;

    public LeaseConflictException(String message, List<Lease> holders, Duration retryAfter) {
        super(409, "lease-conflict", message);
        this.holders = List.copyOf(holders);
        this.retryAfter = retryAfter;
    }

    /** The conflicting leases. */
    public List<Lease> holders() {
        return holders;
    }

    /** When the earliest conflicting lease expires unless renewed. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
