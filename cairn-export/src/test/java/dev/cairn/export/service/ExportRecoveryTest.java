package dev.cairn.export.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.export.ExportFeature;
import dev.cairn.server.TestServer;
import dev.cairn.server.feature.Feature;
import dev.cairn.workspace.WorkspaceFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that stopped in the middle of an export: on the next start its working directory (which may hold plaintext
 * of the SQLite and XLSX formats) is gone, and the export is failed with a reason instead of staying "running".
 */
class ExportRecoveryTest {
    private static final List<Feature> FEATURES = List.of(new WorkspaceFeature(), new ExportFeature());

    @TempDir
    Path dir;

    @Test
    void aStartDeletesLeftoverScratchAndFailsExportsLeftRunning() throws Exception {
        Path leftover;
        try (TestServer server = TestServer.start(dir, c -> c, FEATURES)) {
            long ann = server.account("ann").id();
            WorkspaceFeature.Started ws = (WorkspaceFeature.Started) server.core().features().getFirst();
            long workspace = ws.module().workspaces().resolve(ann, "ann", null, false).workspaceId();
            ExportTable table = new ExportTable(server.core().database().jdbi(), server.core().clock());
            assertThat(table.claim(table.queue(workspace, List.of("sqlite"), "ann"))).isTrue();
            leftover = new ScratchDirs(dir.resolve("spool")).create();
            Files.writeString(leftover.resolve("workspace.sqlite"), "plaintext rows");
        }
        try (TestServer server = TestServer.start(dir, c -> c, FEATURES)) {
            assertThat(leftover).doesNotExist();
            Export e = new ExportTable(server.core().database().jdbi(), server.core().clock()).get(1).orElseThrow();
            assertThat(e.status()).isEqualTo(ExportStatus.FAILED);
            assertThat(e.error()).contains("the server stopped during the export");
        }
    }
}
