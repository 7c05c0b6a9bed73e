package dev.cairn.export.service;

import dev.cairn.export.ExportFeature;
import dev.cairn.server.TestServer;
import dev.cairn.workspace.WorkspaceFeature;

/** The export module and an account's workspace on a test server with the workspace and the export plugged in. */
final class ExportFixtures {
    private ExportFixtures() {
    }

    static ExportModule module(TestServer server) {
        return server.core().features().stream().filter(ExportFeature.Started.class::isInstance)
                .map(f -> ((ExportFeature.Started) f).module()).findFirst().orElseThrow();
    }

    static long workspace(TestServer server, long accountId) {
        WorkspaceFeature.Started ws = server.core().features().stream()
                .filter(WorkspaceFeature.Started.class::isInstance).map(WorkspaceFeature.Started.class::cast)
                .findFirst().orElseThrow();
        return ws.module().workspaces().resolve(accountId, server.core().database().jdbi().withHandle(h -> h
                .createQuery("SELECT name FROM accounts WHERE id = :id").bind("id", accountId).mapTo(String.class)
                .one()), null, false).workspaceId();
    }
}
