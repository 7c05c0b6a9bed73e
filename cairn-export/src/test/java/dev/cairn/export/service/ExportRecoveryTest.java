package dev.cairn.export.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.export.ExportFeature;
import dev.cairn.export.crypt.Age;
import dev.cairn.export.schedule.ScheduleSetting;
import dev.cairn.server.TestServer;
import dev.cairn.server.db.TestDatabases;
import dev.cairn.server.feature.Feature;
import dev.cairn.testkit.MutableClock;
import dev.cairn.workspace.WorkspaceFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that stopped in the middle of an export: on the next start its working directory (which may hold plaintext
 * of the SQLite and XLSX formats) is gone, and the export, whose heartbeat stopped, is failed with a reason instead of
 * staying "running". With two servers on one PostgreSQL database, a running export of a live server (its heartbeat
 * renewed) is left alone, one of a dead server is failed by the other after two minutes and its schedule retries it.
 */
class ExportRecoveryTest {
    private static final List<Feature> FEATURES = List.of(new WorkspaceFeature(), new ExportFeature());

    @TempDir
    Path dir;
    MutableClock clock = MutableClock.at(Instant.parse("2025-01-02T03:04:05Z"));

    @Test
    void aStartDeletesLeftoverScratchAndFailsExportsWhoseHeartbeatStopped() throws Exception {
        Path leftover;
        try (TestServer server = TestServer.start(dir, c -> c, clock, FEATURES)) {
            long workspace = workspace(server, server.account("ann").id());
            ExportTable table = new ExportTable(server.core().database().jdbi(), clock);
            assertThat(table.claim(table.queue(workspace, ExportRequest.full(List.of("sqlite")), "ann"), null)).isTrue();
            leftover = new ScratchDirs(dir.resolve("spool")).create();
            Files.writeString(leftover.resolve("workspace.sqlite"), "plaintext rows");
        }
        clock.advance(Heartbeats.STALE.plusSeconds(1));
        try (TestServer server = TestServer.start(dir, c -> c, clock, FEATURES)) {
            assertThat(leftover).doesNotExist();
            Export e = new ExportTable(server.core().database().jdbi(), clock).get(1).orElseThrow();
            assertThat(e.status()).isEqualTo(ExportStatus.FAILED);
            assertThat(e.error()).contains("the server running the export stopped before it finished", "export again");
        }
    }

    @Test
    void anExportFailedAsOrphanedStaysFailedWhenItsStalledRunFinishesAfterAll() throws Exception {
        try (TestServer server = TestServer.start(dir, c -> c, clock, FEATURES)) {
            long workspace = workspace(server, server.account("ann").id());
            ExportTable table = new ExportTable(server.core().database().jdbi(), clock);
            long id = table.queue(workspace, ExportRequest.full(List.of("sqlite")), "ann");
            assertThat(table.claim(id, "stalled-process")).isTrue();
            assertThat(table.failOrphaned(id, java.util.Set.of(), "the server running the export stopped")).isTrue();
            ExportTable.Built late = new ExportTable.Built(1, "a".repeat(64), "b".repeat(64), 10,
                    dev.cairn.export.schedule.ExportMode.FULL, null);
            assertThat(table.done(id, late)).isFalse();
            Export e = table.get(id).orElseThrow();
            assertThat(e.status()).isEqualTo(ExportStatus.FAILED);
            assertThat(e.error()).contains("the server running the export stopped");
        }
    }

    /**
     * Issue 21 (the crash suite's export row, in CI): a server killed 0.04 s into an export and started again left the
     * export "running" for two minutes (the heartbeat limit) plus up to one of the job's periods. The restarted server
     * knows its predecessor on the data directory is dead, so it fails the export at start, before it listens.
     */
    @Test
    void aRestartedServerFailsItsPredecessorsExportAtStartNotTwoMinutesLater() throws Exception {
        try (TestServer server = TestServer.start(dir, c -> c, clock, FEATURES)) {
            long workspace = workspace(server, server.account("ann").id());
            ExportTable table = new ExportTable(server.core().database().jdbi(), clock);
            long id = table.queue(workspace, ExportRequest.full(List.of("csv")), "ann");
            assertThat(table.claim(id, server.core().quota().instanceId())).isTrue();
        }
        clock.advance(Duration.ofSeconds(5));
        try (TestServer server = TestServer.start(dir, c -> c, clock, FEATURES)) {
            ExportTable table = new ExportTable(server.core().database().jdbi(), clock);
            Export e = table.get(1).orElseThrow();
            assertThat(e.status()).isEqualTo(ExportStatus.FAILED);
            assertThat(e.error()).contains("the server running the export stopped before it finished", "export again");
        }
    }

    /**
     * Issue 21 (reliability harness, export crash row): a server killed while it built an export left the ciphertext in
     * {@code spool/export-*.tmp}. Every file an export writes is now inside its scratch directory, which a start sweeps:
     * nothing appears directly in the spool directory while an export runs.
     */
    @Test
    void anExportWritesNothingOutsideItsScratchDirectory() throws Exception {
        try (TestServer server = TestServer.start(dir, c -> c, clock, FEATURES)) {
            long workspace = workspace(server, server.account("ann").id());
            ExportModule module = ExportFixtures.module(server);
            module.recipients().add(workspace, "nas", Age.newIdentity()[1], "ann");
            Path spool = dir.resolve("spool");
            Files.createDirectories(spool);
            try (java.nio.file.WatchService watch = spool.getFileSystem().newWatchService()) {
                spool.register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
                module.exports().start(workspace, ExportRequest.full(List.of("csv", "jsonl")), "ann");
                module.exports().runQueued();
                for (int i = 0; i < 3000 && module.exports().list(workspace).getFirst().status() != ExportStatus.DONE; i++) {
                    Thread.sleep(10);
                }
                assertThat(module.exports().list(workspace).getFirst().status()).isEqualTo(ExportStatus.DONE);
                java.nio.file.WatchKey key = watch.poll(1, java.util.concurrent.TimeUnit.SECONDS);
                List<String> created = key == null ? List.of()
                        : key.pollEvents().stream().map(ev -> ev.context().toString()).toList();
                assertThat(created).allMatch(name -> name.equals("export-scratch"), "only the scratch directory");
            }
        }
    }

    @Test
    void withTwoServersALostExportIsFailedAndRetriedByItsScheduleAndALiveOneIsNot() throws Exception {
        String db = TestDatabases.postgresUrl();
        String store = dir.resolve("store").toString();
        try (TestServer one = TestServer.start(dir.resolve("one"), c -> c.withStorage(db, store), clock, FEATURES);
                TestServer two = TestServer.start(dir.resolve("two"), c -> c.withStorage(db, store), clock,
                        FEATURES)) {
            long workspace = workspace(one, one.account("ann").id());
            ExportModule first = ExportFixtures.module(one);
            ExportModule second = ExportFixtures.module(two);
            first.recipients().add(workspace, "nas", Age.newIdentity()[1], "ann");
            first.schedules().set(workspace, ScheduleSetting.of("day", null, "02:00", null, List.of("csv"), null,
                    null), "ann");
            ExportTable table = new ExportTable(one.core().database().jdbi(), clock);
            long lost = table.queue(workspace, ExportRequest.full(List.of("csv")), ExportService.SCHEDULE);
            assertThat(table.claim(lost, null)).isTrue(); // a third server claimed it (before runners were recorded), then died
            long live = table.queue(workspace, ExportRequest.full(List.of("csv")), "ann");
            assertThat(table.claim(live, two.core().quota().instanceId())).isTrue();
            second.heartbeats().started(live); // server two runs it

            clock.advance(Duration.ofMinutes(1));
            assertThat(first.heartbeats().failStale()).isZero();
            second.heartbeats().beat();
            clock.advance(Duration.ofMinutes(1).plusSeconds(30));
            assertThat(first.heartbeats().failStale()).as("only the export nobody beats for").isEqualTo(1);
            assertThat(table.get(lost).orElseThrow().status()).isEqualTo(ExportStatus.FAILED);
            assertThat(table.get(lost).orElseThrow().error()).contains("the schedule runs it again");
            assertThat(table.get(live).orElseThrow().status()).isEqualTo(ExportStatus.RUNNING);
            assertThat(second.schedules().require(workspace).nextAt()).isEqualTo(clock.instant());

            table.failed(live, "ended for the test");
            second.heartbeats().ended(live);
            assertThat(second.schedules().runDue()).as("the schedule retries at once").isEqualTo(1);
            Export retry = awaitEnd(second, workspace);
            assertThat(retry.createdBy()).isEqualTo(ExportService.SCHEDULE);
            assertThat(retry.status()).isEqualTo(ExportStatus.DONE);
        }
    }

    private static Export awaitEnd(ExportModule module, long workspace) throws InterruptedException {
        for (int i = 0; i < 3000; i++) {
            Export e = module.exports().list(workspace).getFirst();
            if (e.status() == ExportStatus.DONE || e.status() == ExportStatus.FAILED) {
                return e;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the export did not end");
    }

    private static long workspace(TestServer server, long account) {
        WorkspaceFeature.Started ws = (WorkspaceFeature.Started) server.core().features().getFirst();
        return ws.module().workspaces().resolve(account, "ann", null, false).workspaceId();
    }
}
