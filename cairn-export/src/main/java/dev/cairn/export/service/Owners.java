package dev.cairn.export.service;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Who the emails about a workspace's exports go to: its owning account's email and name, and the workspace's name. */
record Owners(Jdbi jdbi) {
    /** The owner of a workspace, as an email addresses them. */
    record Owner(String email, String name, String workspace) {
    }

    /** The workspace's owner; empty if the workspace or its account is gone. */
    Optional<Owner> of(long workspaceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT a.email, a.name, w.name AS workspace FROM workspaces w "
                + "JOIN accounts a ON a.id = w.account_id WHERE w.id = :w").bind("w", workspaceId)
                .map((rs, ctx) -> new Owner(rs.getString("email"), rs.getString("name"), rs.getString("workspace")))
                .findOne());
    }
}
