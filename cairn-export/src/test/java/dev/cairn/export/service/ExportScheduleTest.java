package dev.cairn.export.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.export.crypt.Age;
import dev.cairn.export.schedule.ScheduleSetting;
import dev.cairn.server.TestServer;
import dev.cairn.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schedule job on the injected clock (no sleeps): nothing before the time, one export when due, one (not one per
 * missed run) after the server was down for days, none while the workspace's export is still running (these without a
 * recipient, so each scheduled export is recorded as failed at once); and, with a recipient, scheduled exports that
 * are built and stored, of which the retention keeps the newest.
 */
class ExportScheduleTest {
    @TempDir
    java.nio.file.Path dir;
    MutableClock clock = MutableClock.at(Instant.parse("2025-01-02T03:04:05Z"));
    ExportFixtures fixtures;
    TestServer server;
    ExportModule module;
    long workspace;

    @BeforeEach
    void start() throws Exception {
        ExportFixtures f = fixtures = ExportFixtures.start(dir, clock, c -> c);
        server = f.server();
        module = f.module();
        workspace = f.workspace();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aDueScheduleStartsOneExportAndMissedRunsCollapseIntoOne() {
        Schedule s = module.schedules().set(workspace, daily("02:30"), "ann");
        assertThat(s.nextAt()).isEqualTo("2025-01-03T02:30:00Z");
        assertThat(s.formats()).containsExactly("csv", "sqlite");
        assertThat(module.schedules().runDue()).isZero();
        clock.set(Instant.parse("2025-01-03T02:29:59Z"));
        assertThat(module.schedules().runDue()).isZero();

        clock.set(Instant.parse("2025-01-03T02:30:00Z"));
        assertThat(module.schedules().runDue()).isEqualTo(1);
        assertThat(module.schedules().runDue()).isZero();
        Export first = module.exports().list(workspace).getFirst();
        assertThat(first.createdBy()).isEqualTo(ExportService.SCHEDULE);
        assertThat(first.formats()).containsExactly("csv", "sqlite");
        assertThat(first.status()).isEqualTo(ExportStatus.FAILED);
        assertThat(first.error()).contains("no recipient");
        assertThat(module.schedules().require(workspace).nextAt()).isEqualTo("2025-01-04T02:30:00Z");

        clock.advance(Duration.ofDays(5));
        assertThat(module.schedules().runDue()).isEqualTo(1);
        assertThat(module.exports().list(workspace)).hasSize(2);
        assertThat(module.schedules().require(workspace).nextAt()).isEqualTo("2025-01-09T02:30:00Z");
    }

    @Test
    void aWorkspaceWhoseExportStillRunsStartsNoOtherAndStaysDue() {
        module.schedules().set(workspace, new ScheduleSetting("hours", 1, null, null, null, null, null), "ann");
        ExportTable table = fixtures.table(clock);
        long running = table.queue(workspace, List.of("csv"), "ann");
        assertThat(table.claim(running)).isTrue();
        clock.advance(Duration.ofHours(3));
        assertThat(module.schedules().runDue()).isZero();
        assertThat(module.exports().list(workspace)).hasSize(1);

        table.failed(running, "test");
        assertThat(module.schedules().runDue()).isEqualTo(1);
        assertThat(module.exports().list(workspace)).hasSize(2);
        assertThat(module.schedules().require(workspace).nextAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    }

    @Test
    void aRemovedScheduleStartsNothing() {
        module.schedules().set(workspace, daily("04:00"), "ann");
        module.schedules().remove(workspace);
        clock.advance(Duration.ofDays(2));
        assertThat(module.schedules().runDue()).isZero();
        assertThat(module.schedules().get(workspace)).isEmpty();
    }

    @Test
    void scheduledExportsRunToDoneAndTheRetentionKeepsTheNewest() throws Exception {
        module.recipients().add(workspace, "nas", Age.newIdentity()[1], "ann");
        module.schedules().set(workspace, new ScheduleSetting("hours", 1, null, null, List.of("jsonl"), 1, null),
                "ann");
        clock.advance(Duration.ofHours(1));
        assertThat(module.schedules().runDue()).isEqualTo(1);
        Export first = awaitEnd();
        clock.advance(Duration.ofHours(1));
        assertThat(module.schedules().runDue()).isEqualTo(1);
        Export second = awaitEnd();
        assertThat(List.of(first.status(), second.status())).containsOnly(ExportStatus.DONE);
        assertThat(second.createdBy()).isEqualTo(ExportService.SCHEDULE);
        long ann = fixtures.ann();
        assertThat(server.core().quota().usage(ann).storedBytes()).isEqualTo(first.bytes() + second.bytes());

        assertThat(module.retention().prune()).isEqualTo(1);
        assertThat(module.exports().list(workspace)).extracting(Export::id).containsExactly(second.id());
        assertThat(server.core().quota().usage(ann).storedBytes()).isEqualTo(second.bytes());
    }

    /** The newest export once the background pool has ended it (the pool's thread, not the clock, is awaited). */
    private Export awaitEnd() throws InterruptedException {
        for (int i = 0; i < 3000; i++) {
            Export e = module.exports().list(workspace).getFirst();
            if (e.status() == ExportStatus.DONE || e.status() == ExportStatus.FAILED) {
                return e;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the scheduled export did not end");
    }

    static ScheduleSetting daily(String at) {
        return new ScheduleSetting("day", null, at, null, List.of("sqlite", "csv"), null, null);
    }
}
