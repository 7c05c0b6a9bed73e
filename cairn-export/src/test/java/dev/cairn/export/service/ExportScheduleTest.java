package dev.cairn.export.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.export.crypt.Age;
import dev.cairn.export.schedule.ExportMode;
import dev.cairn.export.schedule.ScheduleSetting;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.TestServer;
import dev.cairn.server.error.ServiceException;
import dev.cairn.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schedule job on the injected clock (no sleeps for the schedule; the background pool is awaited): nothing before
 * the time, one export when due, one (not one per missed run) after the server was down for days, none while the
 * workspace's export is still running; a cron line's times; no schedule without a recipient; an incremental schedule's
 * chain with a full export every {@code fullEvery}; history left out when asked; the retention keeps the newest.
 */
class ExportScheduleTest {
    @TempDir
    java.nio.file.Path dir;
    MutableClock clock = MutableClock.at(Instant.parse("2025-01-02T03:04:05Z"));
    ExportFixtures fixtures;
    TestServer server;
    ExportModule module;
    long workspace;
    long recipient;

    @BeforeEach
    void start() throws Exception {
        ExportFixtures f = fixtures = ExportFixtures.start(dir, clock, c -> c);
        server = f.server();
        module = f.module();
        workspace = f.workspace();
        recipient = module.recipients().add(workspace, "nas", Age.newIdentity()[1], "ann").id();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aDueScheduleStartsOneExportAndMissedRunsCollapseIntoOne() throws Exception {
        Schedule s = module.schedules().set(workspace, daily("02:30"), "ann");
        assertThat(s.nextAt()).isEqualTo("2025-01-03T02:30:00Z");
        assertThat(s.formats()).containsExactly("csv", "sqlite");
        assertThat(module.schedules().runDue()).isZero();
        clock.set(Instant.parse("2025-01-03T02:29:59Z"));
        assertThat(module.schedules().runDue()).isZero();

        clock.set(Instant.parse("2025-01-03T02:30:00Z"));
        assertThat(module.schedules().runDue()).isEqualTo(1);
        assertThat(module.schedules().runDue()).isZero();
        Export first = awaitEnd();
        assertThat(first.createdBy()).isEqualTo(ExportService.SCHEDULE);
        assertThat(first.formats()).containsExactly("csv", "sqlite");
        assertThat(first.status()).as(String.valueOf(first.error())).isEqualTo(ExportStatus.DONE);
        assertThat(module.schedules().require(workspace).nextAt()).isEqualTo("2025-01-04T02:30:00Z");

        clock.advance(Duration.ofDays(5));
        assertThat(module.schedules().runDue()).isEqualTo(1);
        awaitEnd();
        assertThat(module.exports().list(workspace)).hasSize(2);
        assertThat(module.schedules().require(workspace).nextAt()).isEqualTo("2025-01-09T02:30:00Z");
    }

    @Test
    void aClockThatJumpsAheadAndBackRunsTheScheduleOnceAndThenAtItsUsualTimes() throws Exception {
        module.schedules().set(workspace, ScheduleSetting.of("hours", 1, null, null, null, null, null), "ann");
        Instant real = clock.instant();
        clock.set(real.plus(Duration.ofHours(25))); // the server's clock jumps a day ahead: one export, not 25
        assertThat(module.schedules().runDue()).isEqualTo(1);
        assertThat(module.schedules().runDue()).isZero();
        awaitEnd();
        clock.set(real.plus(Duration.ofMinutes(1))); // and is put right
        assertThat(module.schedules().runDue()).isZero();
        assertThat(module.schedules().require(workspace).nextAt()).as("not a day late")
                .isEqualTo(real.plus(Duration.ofMinutes(61)));
        clock.set(real.plus(Duration.ofMinutes(61)));
        assertThat(module.schedules().runDue()).isEqualTo(1);
        awaitEnd();
        assertThat(module.exports().list(workspace)).hasSize(2);
    }

    @Test
    void aCronLineRunsAtItsTimesInUtc() throws Exception {
        Schedule s = module.schedules().set(workspace, cron("30 2 * * 1-5"), "ann");
        assertThat(s.nextAt()).as("Thursday 03:04 → Friday 02:30").isEqualTo("2025-01-03T02:30:00Z");
        clock.set(Instant.parse("2025-01-03T02:30:00Z"));
        assertThat(module.schedules().runDue()).isEqualTo(1);
        assertThat(module.schedules().require(workspace).nextAt()).as("the weekend is skipped")
                .isEqualTo("2025-01-06T02:30:00Z");
        assertThat(awaitEnd().status()).isEqualTo(ExportStatus.DONE);

        for (String bad : List.of("* * * * *", "*/5 2 * * *", "30 2 * *", "61 2 * * *", "30 2 31 2 *")) {
            assertThatThrownBy(() -> module.schedules().set(workspace, cron(bad), "ann")).as(bad)
                    .isInstanceOf(ServiceException.class).extracting(e -> ((ServiceException) e).code())
                    .isEqualTo(ErrorCode.VALIDATION_FAILED);
        }
        assertThat(module.schedules().require(workspace).interval().cron().text()).isEqualTo("30 2 * * 1-5");
    }

    @Test
    void aScheduleNeedsARecipient() {
        module.recipients().remove(workspace, recipient);
        assertThatThrownBy(() -> module.schedules().set(workspace, daily("02:30"), "ann"))
                .isInstanceOf(ServiceException.class).hasMessageContaining("a schedule needs a recipient")
                .extracting(e -> ((ServiceException) e).code()).isEqualTo(ErrorCode.NO_RECIPIENT);
        assertThat(module.schedules().get(workspace)).isEmpty();
    }

    @Test
    void aWorkspaceWhoseExportStillRunsStartsNoOtherAndStaysDue() throws Exception {
        module.schedules().set(workspace, ScheduleSetting.of("hours", 1, null, null, null, null, null), "ann");
        ExportTable table = fixtures.table(clock);
        long running = table.queue(workspace, ExportRequest.full(List.of("csv")), "ann");
        assertThat(table.claim(running, null)).isTrue();
        clock.advance(Duration.ofHours(3));
        assertThat(module.schedules().runDue()).isZero();
        assertThat(module.exports().list(workspace)).hasSize(1);

        table.failed(running, "test");
        assertThat(module.schedules().runDue()).isEqualTo(1);
        assertThat(module.exports().list(workspace)).hasSize(2);
        assertThat(module.schedules().require(workspace).nextAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        awaitEnd();
    }

    @Test
    void anIncrementalScheduleChainsItsExportsAndStartsAFullOneEveryFullEvery() throws Exception {
        Schedule s = module.schedules().set(workspace, new ScheduleSetting("hours", 1, null, null, null,
                List.of("csv"), null, null, false, "incremental", 3), "ann");
        assertThat(s.formats()).as("a chain's full exports carry JSON Lines").containsExactly("csv", "jsonl");
        List<Export> made = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofHours(1));
            assertThat(module.schedules().runDue()).isEqualTo(1);
            made.add(awaitEnd());
        }
        assertThat(made).extracting(Export::kind).containsExactly(ExportMode.FULL, ExportMode.INCREMENTAL,
                ExportMode.INCREMENTAL, ExportMode.FULL);
        assertThat(made).extracting(Export::previousId).containsExactly(null, made.get(0).id(), made.get(1).id(),
                null);
        assertThat(made).extracting(Export::history).containsOnly(false);
        assertThat(made).extracting(Export::status).containsOnly(ExportStatus.DONE);
    }

    @Test
    void anIncrementalAskedForWithoutAPreviousExportIsBuiltFull() throws Exception {
        Export e = module.exports().start(workspace, new ExportRequest(List.of("xml"), true, ExportMode.INCREMENTAL),
                "ann");
        assertThat(e.formats()).containsExactly("jsonl", "xml");
        Export done = awaitEnd();
        assertThat(done.mode()).isEqualTo(ExportMode.INCREMENTAL);
        assertThat(done.kind()).isEqualTo(ExportMode.FULL);
        Export next = module.exports().start(workspace, new ExportRequest(List.of(), true, ExportMode.INCREMENTAL),
                "ann");
        assertThat(next.id()).isGreaterThan(done.id());
        Export chained = awaitEnd();
        assertThat(chained.kind()).isEqualTo(ExportMode.INCREMENTAL);
        assertThat(chained.previousId()).isEqualTo(done.id());
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
        module.schedules().set(workspace, ScheduleSetting.of("hours", 1, null, null, List.of("jsonl"), 1, null),
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
        return ScheduleSetting.of("day", null, at, null, List.of("sqlite", "csv"), null, null);
    }

    static ScheduleSetting cron(String line) {
        return new ScheduleSetting("cron", null, null, null, line, List.of("csv"), null, null, null, null, null);
    }
}
