package dev.cairn.server.records;

/**
 * Who acts on which workspace, with the role they have there after the credential's limits (a {@code read} token acts
 * as a viewer whatever the member's role).
 */
public record Caller(long workspaceId, String workspaceOwner, long accountId, String accountName, WorkspaceRole role) {
}
