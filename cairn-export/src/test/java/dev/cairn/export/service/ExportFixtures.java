package dev.cairn.export.service;

import dev.cairn.export.ExportFeature;
import dev.cairn.server.ServerConfig;
import dev.cairn.server.TestServer;
import dev.cairn.testkit.MutableClock;
import dev.cairn.workspace.WorkspaceFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A test server on an injected clock with the workspace and the export plugged in, the account {@code ann}, her
 * workspace and the export module.
 */
record ExportFixtures(TestServer server, ExportModule module, long ann, long workspace) implements AutoCloseable {
    static ExportFixtures start(Path dir, MutableClock clock, UnaryOperator<ServerConfig> tweak) throws IOException {
        TestServer server = TestServer.start(dir, tweak, clock, List.of(new WorkspaceFeature(), new ExportFeature()));
        long ann = server.account("ann").id();
        return new ExportFixtures(server, module(server), ann, workspace(server, ann));
    }

    ExportTable table(MutableClock clock) {
        return new ExportTable(server.core().database().jdbi(), clock);
    }

    static ExportModule module(TestServer server) {
        return server.core().features().stream().filter(ExportFeature.Started.class::isInstance)
                .map(f -> ((ExportFeature.Started) f).module()).findFirst().orElseThrow();
    }

    private static long workspace(TestServer server, long accountId) {
        WorkspaceFeature.Started ws = server.core().features().stream()
                .filter(WorkspaceFeature.Started.class::isInstance).map(WorkspaceFeature.Started.class::cast)
                .findFirst().orElseThrow();
        return ws.module().workspaces().resolve(accountId, "ann", null, false).workspaceId();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
