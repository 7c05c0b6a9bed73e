package dev.cairn.server.quota;

/**
 * How a stored quota reads: {@code accounts.quota_bytes} NULL means "the plan's quota", so an unlimited override is
 * stored as {@link #UNLIMITED_OVERRIDE}; readers turn it (and a NULL) into null, "unlimited" (ADR 44).
 */
public final class Quotas {
    /** The stored override that means "unlimited". */
    public static final long UNLIMITED_OVERRIDE = Long.MAX_VALUE;

    private Quotas() {
    }

    /** A stored quota as the rest of the server sees it: null when unlimited. */
    public static Long effective(Long stored) {
        return stored == null || stored == UNLIMITED_OVERRIDE ? null : stored;
    }
}
