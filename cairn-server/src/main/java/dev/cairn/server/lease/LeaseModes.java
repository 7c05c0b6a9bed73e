package dev.cairn.server.lease;

import dev.cairn.protocol.Lease;
import dev.cairn.server.error.ServiceException;

/** The two lease modes and which pairs conflict. Stateless. */
public final class LeaseModes {
    private LeaseModes() {
    }

    /**
     * {@code mode} if it is {@code shared} or {@code exclusive}.
     *
     * @throws ServiceException {@code bad-request} otherwise
     */
    public static String require(String mode) {
        if (Lease.SHARED.equals(mode) || Lease.EXCLUSIVE.equals(mode)) {
            return mode;
        }
        throw ServiceException.badRequest("mode must be 'shared' or 'exclusive', not '" + mode + "'");
    }

    /** Whether a lease of {@code wanted} mode conflicts with a live one of {@code held} mode. */
    static boolean conflict(String wanted, String held) {
        return Lease.EXCLUSIVE.equals(wanted) || Lease.EXCLUSIVE.equals(held);
    }
}
