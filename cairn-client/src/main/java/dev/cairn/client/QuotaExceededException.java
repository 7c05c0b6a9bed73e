package dev.cairn.client;

/**
 * The account's quota has no room for an upload (507 {@code quota-exceeded} or 413 {@code quota-too-small}); the
 * message is the server's detail (quota, usage and what to do). Nothing of the refused object was stored.
 */
public final class QuotaExceededException extends ServerProblemException {
    private static final long serialVersionUID = 1L;
    private final long quotaBytes;
    private final long usageBytes;

    public QuotaExceededException(int status, String code, String message, long quotaBytes, long usageBytes) {
        super(status, code, message);
        this.quotaBytes = quotaBytes;
        this.usageBytes = usageBytes;
    }

    /** The account's quota in bytes, or -1 if the server did not say. */
    public long quotaBytes() {
        return quotaBytes;
    }

    /** What the account stores (and has reserved) in bytes, or -1 if the server did not say. */
    public long usageBytes() {
        return usageBytes;
    }
}
