package dev.cairn.export.restore;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;

/**
 * A copy that cannot be restored as it is (422 {@code copy-refused}): tampered, of a newer format, unreadable, or
 * breaking a rule of the workspace. The message says which, in the user's words; nothing was changed.
 */
public final class CopyException extends ServiceException {
    public CopyException(String message) {
        super(ErrorCode.COPY_REFUSED, message);
    }

    public CopyException(String message, Throwable cause) {
        super(ErrorCode.COPY_REFUSED, message, cause);
    }
}
