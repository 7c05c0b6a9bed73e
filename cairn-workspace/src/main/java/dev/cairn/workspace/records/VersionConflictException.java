package dev.cairn.workspace.records;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;

/**
 * An update or delete named a record version that is no longer current (409). Carries the current record so the
 * caller can merge and retry; nothing was changed.
 */
public final class VersionConflictException extends ServiceException {
    private static final long serialVersionUID = 1L;
    private final transient Record current;

    public VersionConflictException(long sentVersion, Record current) {
        super(ErrorCode.VERSION_CONFLICT, "you sent version " + sentVersion + " but the record is at version "
                + current.version() + "; re-apply your change to the current record (in 'current') and send "
                + "its version");
        this.current = current;
    }

    @Override
    public dev.cairn.protocol.Problem problem() {
        return super.problem().withCurrent(current.wireForm());
    }

    public Record current() {
        return current;
    }
}
