package dev.cairn.export.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.export.schedule.ExportMode;
import dev.cairn.export.schedule.ScheduleSetting;
import dev.cairn.server.TestServer;
import dev.cairn.server.error.ServiceException;
import dev.cairn.testkit.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retention job on the injected clock: past the newest N done exports, or older than D days, bundles are deleted
 * and their bytes are back in the quota; the newest done export stays whatever its age; failed exports hold no bytes
 * and go as records after D days; a workspace without a schedule keeps everything; a kept incremental export keeps
 * every export of its chain back to its full one, and no export an incremental one chains to can be deleted by hand.
 */
class ExportRetentionTest {
    @TempDir
    Path dir;
    MutableClock clock = MutableClock.at(Instant.parse("2025-01-02T03:04:05Z"));
    TestServer server;
    ExportModule module;
    ExportTable table;
    BundleFiles files;
    long ann;
    long workspace;

    @BeforeEach
    void start() throws Exception {
        ExportFixtures f = ExportFixtures.start(dir.resolve("server"), clock, c -> c);
        server = f.server();
        module = f.module();
        ann = f.ann();
        workspace = f.workspace();
        table = f.table(clock);
        files = new BundleFiles(server.core().stores(), server.core().quota());
        module.recipients().add(workspace, "nas", dev.cairn.export.crypt.Age.newIdentity()[1], "ann");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void theNewestNAreKeptAndTheOthersBytesGoBackToTheQuota() throws Exception {
        module.schedules().set(workspace, keep(2, 30), "ann");
        long first = done(100);
        long second = done(200);
        long failed = failed();
        long third = done(300);
        assertThat(stored()).isEqualTo(600);

        assertThat(module.retention().prune()).isEqualTo(1);
        assertThat(ids()).containsExactly(third, failed, second);
        assertThat(stored()).isEqualTo(500);
        assertThat(table.get(failed).orElseThrow().bytes()).isNull();
        assertThat(module.retention().prune()).isZero();
        assertThat(first).isLessThan(second);
    }

    @Test
    void olderThanDDaysGoesButNeverTheNewestDoneExport() throws Exception {
        module.schedules().set(workspace, keep(10, 3), "ann");
        long old = done(100);
        long failed = failed();
        clock.advance(Duration.ofDays(2));
        long newest = done(50);
        clock.advance(Duration.ofDays(2));
        assertThat(module.retention().prune()).isEqualTo(2);
        assertThat(ids()).containsExactly(newest);
        assertThat(stored()).isEqualTo(50);

        clock.advance(Duration.ofDays(30));
        assertThat(module.retention().prune()).isZero();
        assertThat(ids()).containsExactly(newest);
        assertThat(old).isLessThan(failed);
    }

    @Test
    void aWorkspaceWithoutAScheduleKeepsEverything() throws Exception {
        done(10);
        done(20);
        clock.advance(Duration.ofDays(400));
        assertThat(module.retention().prune()).isZero();
        assertThat(ids()).hasSize(2);
        assertThat(stored()).isEqualTo(30);
    }

    @Test
    void aKeptIncrementalKeepsItsWholeChainBackToItsFullExport() throws Exception {
        module.schedules().set(workspace, keep(1, 30), "ann");
        long oldFull = done(10);
        long full = done(20);
        long firstIncrement = done(30, ExportMode.INCREMENTAL, full);
        long secondIncrement = done(40, ExportMode.INCREMENTAL, firstIncrement);
        assertThat(module.retention().prune()).isEqualTo(1);
        assertThat(ids()).containsExactly(secondIncrement, firstIncrement, full);
        assertThat(stored()).isEqualTo(90);

        var e = module.exports().get(workspace, full);
        assertThatThrownBy(() -> module.exports().delete(e)).isInstanceOf(ServiceException.class)
                .hasMessageContaining("the base of incremental export " + firstIncrement);
        assertThat(ids()).contains(full).doesNotContain(oldFull);

        long newFull = done(50);
        assertThat(module.retention().prune()).isEqualTo(3);
        assertThat(ids()).containsExactly(newFull);
        assertThat(stored()).isEqualTo(50);
    }

    private static ScheduleSetting keep(int last, int days) {
        return ScheduleSetting.of("day", null, "02:00", null, null, last, days);
    }

    /** A done export whose bundle of {@code bytes} is stored and counted like a real one. */
    private long done(int bytes) throws Exception {
        return done(bytes, ExportMode.FULL, null);
    }

    private long done(int bytes, ExportMode kind, Long previous) throws Exception {
        long id = table.queue(workspace, new ExportRequest(List.of("jsonl"), true, kind), "ann");
        table.claim(id, null);
        byte[] content = new byte[bytes];
        content[0] = (byte) id;
        Path file = Files.write(dir.resolve("bundle-" + id), content);
        String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        files.store(ann, file, sha, bytes);
        table.done(id, new ExportTable.Built(1, sha, sha, bytes, kind, previous));
        return id;
    }

    private long failed() {
        long id = table.queue(workspace, ExportRequest.full(List.of("csv")), "ann");
        table.claim(id, null);
        table.failed(id, "the export failed on the server (disk full); try again");
        return id;
    }

    private List<Long> ids() {
        return module.exports().list(workspace).stream().map(Export::id).toList();
    }

    private long stored() {
        return server.core().quota().usage(ann).storedBytes();
    }
}
