package dev.cairn.client;

/**
 * The holder's lease expired or was removed (410 {@code lease-lost}, or renewals failed until it expired): the holder
 * must stop writing. Retrying does not help; the operation can be run again.
 */
public final class LeaseLostException extends ServerProblemException {
    private static final long serialVersionUID = 1L;

    public LeaseLostException(String message) {
        super(410, "lease-lost", message);
    }
}
