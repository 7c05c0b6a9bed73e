package dev.cairn.server.error;

import dev.cairn.protocol.ErrorCode;

/**
 * A write that would take the tenant past its quota; nothing was stored. {@link ErrorCode#QUOTA_TOO_SMALL} (413) when
 * the object alone is larger than the whole quota, {@link ErrorCode#QUOTA_EXCEEDED} (507) otherwise. Retrying the same
 * write helps only after data is deleted or the quota is raised.
 */
public final class QuotaExceededException extends ServiceException {
    private static final long serialVersionUID = 1L;
    private final long quotaBytes;
    private final long usageBytes;
    private final long requestedBytes;

    public QuotaExceededException(long quotaBytes, long usageBytes, long requestedBytes) {
        super(requestedBytes > quotaBytes ? ErrorCode.QUOTA_TOO_SMALL : ErrorCode.QUOTA_EXCEEDED,
                message(quotaBytes, usageBytes, requestedBytes));
        this.quotaBytes = quotaBytes;
        this.usageBytes = usageBytes;
        this.requestedBytes = requestedBytes;
    }

    private static String message(long quota, long usage, long requested) {
        if (requested > quota) {
            return "the object (" + requested + " bytes) is larger than the whole quota of " + quota
                    + " bytes; ask the administrator for a larger plan";
        }
        return "storing " + requested + " more bytes would exceed the quota: " + usage + " of " + quota
                + " bytes are in use; delete old snapshots (e.g. restic forget --prune) or ask for a larger plan";
    }

    @Override
    public dev.cairn.protocol.Problem problem() {
        return new dev.cairn.protocol.Problem(code().type(), code().title(), code().status(), getMessage(), code().code(),
                quotaBytes, usageBytes, requestedBytes, null);
    }

    public long quotaBytes() {
        return quotaBytes;
    }

    public long usageBytes() {
        return usageBytes;
    }

    public long requestedBytes() {
        return requestedBytes;
    }
}
