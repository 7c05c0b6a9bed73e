/**
 * Workspaces and who may act on them: each account's own workspace, members invited by email with a role, and the
 * {@link dev.cairn.workspace.members.Caller} every service call carries (workspace, account, role, schema version).
 * Entry point: {@link dev.cairn.workspace.members.Workspaces}.
 */
package dev.cairn.workspace.members;
