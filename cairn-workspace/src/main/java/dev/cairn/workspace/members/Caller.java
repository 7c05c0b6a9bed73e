package dev.cairn.workspace.members;

/**
 * Who acts on which workspace, with the role they have there after the credential's limits (a {@code read} token acts
 * as a viewer whatever the member's role). {@code schemaVersion} is the workspace's committed schema version read when
 * the caller was resolved, at the start of the request and before any of its reads (ADR 15 decision 9), or
 * {@link #VERSION_UNKNOWN}: reads of table definitions then read it themselves.
 */
public record Caller(long workspaceId, String workspaceOwner, long accountId, String accountName, WorkspaceRole role,
        long schemaVersion) {
    /** No schema version was read with the caller. */
    public static final long VERSION_UNKNOWN = -1;

    public Caller(long workspaceId, String workspaceOwner, long accountId, String accountName, WorkspaceRole role) {
        this(workspaceId, workspaceOwner, accountId, accountName, role, VERSION_UNKNOWN);
    }
}
