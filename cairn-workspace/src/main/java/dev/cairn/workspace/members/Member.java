package dev.cairn.workspace.members;

import java.time.Instant;

/** A workspace member: the owning account (role owner) or an invited account. */
public record Member(String account, String email, WorkspaceRole role, Instant since) {
}
