package dev.cairn.workspace;

import dev.cairn.server.ServerConfig;
import dev.cairn.server.TestServer;
import dev.cairn.server.feature.Feature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/** Test servers with the records workspace plugged in, as the distribution runs them. */
public final class WorkspaceServer {
    private WorkspaceServer() {
    }

    public static TestServer start(Path dataDir) throws IOException {
        return start(dataDir, c -> c);
    }

    public static TestServer start(Path dataDir, UnaryOperator<ServerConfig> tweak) throws IOException {
        return TestServer.start(dataDir, tweak, List.of(new WorkspaceFeature()));
    }

    /** The workspace services of a server started here. */
    public static WorkspaceModule module(TestServer server) {
        for (Feature.Running feature : server.core().features()) {
            if (feature instanceof WorkspaceFeature.Started started) {
                return started.module();
            }
        }
        throw new IllegalStateException("the server has no workspace feature");
    }
}
