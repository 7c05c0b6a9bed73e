package dev.cairn.agent.daemon;

import static dev.cairn.agent.daemon.DaemonFixture.snapshots;
import static dev.cairn.agent.daemon.DaemonFixture.stepAndSettle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An in-process daemon on a mutable clock, backing up into real local repositories. */
class DaemonTest {
    @TempDir
    Path tmp;
    private DaemonFixture f;
    private Path repo;
    private Path src;

    @BeforeEach
    void setUp() throws Exception {
        f = new DaemonFixture(tmp);
        repo = f.repository("repo");
        src = f.sources("src");
    }

    private Path hourly(String extra) throws Exception {
        return f.config("sets:\n  home:\n    repository: " + repo + "\n    sources: [" + src + "]\n    schedule: every 1h\n" + extra);
    }

    @Test
    void runsANewSetAtOnceThenHourlyAndCatchesUpAMissedStretchOnce() throws Exception {
        try (Daemon d = f.start(hourly(""))) {
            Instant t0 = f.clock.instant();
            stepAndSettle(d);
            assertThat(snapshots(repo)).isEqualTo(1);
            assertThat(d.scheduler().states().get("home").nextRun()).isEqualTo(t0.plus(Duration.ofHours(1)));

            f.clock.advance(Duration.ofMinutes(59));
            stepAndSettle(d);
            assertThat(snapshots(repo)).isEqualTo(1);
            f.clock.advance(Duration.ofMinutes(1));
            stepAndSettle(d);
            assertThat(snapshots(repo)).isEqualTo(2);

            f.clock.advance(Duration.ofHours(7)); // the laptop slept through seven slots
            Instant woke = f.clock.instant();
            stepAndSettle(d);
            stepAndSettle(d);
            stepAndSettle(d);
            assertThat(snapshots(repo)).isEqualTo(3);
            SetState s = d.scheduler().states().get("home");
            assertThat(s.result()).isEqualTo("success");
            assertThat(s.nextRun()).isEqualTo(woke.plus(Duration.ofHours(1)));
            assertThat(f.opens.get()).as("the key is derived once, not per run").isEqualTo(1);
        }
    }

    @Test
    void aRestartAfterDowntimeRunsOnceAndKeepsTheRecordedState() throws Exception {
        Path config = hourly("");
        try (Daemon d = f.start(config)) {
            stepAndSettle(d);
        }
        Instant lastEnd = new StateFile(tmp.resolve("state")).load().get("home").lastEnd();
        f.clock.advance(Duration.ofHours(10));
        try (Daemon d = f.start(config)) {
            assertThat(d.scheduler().states().get("home").lastEnd()).isEqualTo(lastEnd);
            stepAndSettle(d);
            stepAndSettle(d);
            assertThat(snapshots(repo)).isEqualTo(2);
            assertThat(d.scheduler().states().get("home").nextRun()).isEqualTo(f.clock.instant().plus(Duration.ofHours(1)));
        }
    }

    @Test
    void aRunAfterAnotherWriterBackedUpUsesThatSnapshotAsItsParent() throws Exception {
        try (Daemon d = f.start(hourly(""))) {
            stepAndSettle(d);
            Files.writeString(src.resolve("file0.txt"), "changed by a backup made by hand");
            try (var store = dev.cairn.blob.LocalBlobStore.open(repo);
                 var other = dev.cairn.engine.repo.Repositories.open(store, DaemonFixture.PASSWORD.toCharArray(),
                         dev.cairn.engine.repo.Environment.system(), tmp.resolve("other-cache"))) {
                dev.cairn.engine.backup.Archiver.create(other, dev.cairn.engine.backup.ArchiverOptions.defaults(), null)
                        .run(java.util.List.of(src));
            }
            f.clock.advance(Duration.ofHours(1));
            stepAndSettle(d);
            assertThat(f.log()).as("the hand-made snapshot's trees were found: nothing read again")
                    .contains("(0 new, 0 changed, 3 unchanged files)");
        }
    }

    @Test
    void aCronSetWaitsForItsSlot() throws Exception {
        Path config = f.config("sets:\n  nightly:\n    repository: " + repo + "\n    sources: [" + src + "]\n    schedule: \"30 2 * * *\"\n");
        try (Daemon d = f.start(config)) {
            stepAndSettle(d);
            assertThat(snapshots(repo)).isZero();
            assertThat(d.scheduler().states().get("nightly").nextRun()).isEqualTo(Instant.parse("2026-03-03T02:30:00Z"));
            f.clock.set(Instant.parse("2026-03-03T02:30:00Z"));
            stepAndSettle(d);
            assertThat(snapshots(repo)).isEqualTo(1);
            assertThat(d.scheduler().states().get("nightly").nextRun()).isEqualTo(Instant.parse("2026-03-04T02:30:00Z"));
        }
    }

    @Test
    void retentionIsAppliedAfterEachBackupToThisMachinesSnapshotsOnly() throws Exception {
        try (var store = dev.cairn.blob.LocalBlobStore.open(repo);
             var other = dev.cairn.engine.repo.Repositories.open(store, DaemonFixture.PASSWORD.toCharArray(),
                     dev.cairn.engine.repo.Environment.system(), tmp.resolve("other-cache"))) {
            for (int i = 0; i < 3; i++) { // another computer's snapshots of the same paths in the shared repository
                dev.cairn.engine.backup.Archiver.create(other, dev.cairn.engine.backup.ArchiverOptions.defaults()
                        .withHostname("other-machine"), null).run(java.util.List.of(src));
            }
        }
        try (Daemon d = f.start(hourly("    keep: {last: 2}\n"))) {
            for (int i = 0; i < 4; i++) {
                Files.writeString(src.resolve("changing.txt"), "version " + i);
                stepAndSettle(d);
                f.clock.advance(Duration.ofHours(1));
            }
            assertThat(snapshots(repo)).as("2 of this machine's, the other's 3").isEqualTo(5);
            assertThat(f.log()).contains("home: retention removed 1 snapshot(s)");
        }
    }

    @Test
    void pruneFollowsAForgetAtMostOncePerItsInterval() throws Exception {
        java.util.List<String> kinds = new java.util.concurrent.CopyOnWriteArrayList<>();
        f.sender = (server, token, json) -> {
            kinds.add(Outbox.JSON.readTree(json).path("kind").asText() + ":" + Outbox.JSON.readTree(json).path("status").asText());
            return 201;
        };
        java.util.Random random = new java.util.Random(7);
        try (Daemon d = f.start(hourly("    keep: {last: 1}\n    prune: {every: 1d}\n    report-to: http://127.0.0.1:9\n"))) {
            long[] stored = new long[5];
            for (int i = 0; i < 5; i++) {
                byte[] unique = new byte[200_000];
                random.nextBytes(unique);
                Files.write(src.resolve("changing.bin"), unique);
                stepAndSettle(d);
                stored[i] = storedBytes();
                f.clock.advance(Duration.ofHours(i == 2 ? 24 : 1));
            }
            assertThat(kinds.stream().filter(k -> k.startsWith("prune"))).as("runs 2 and 4: %s", kinds)
                    .containsExactly("prune:success", "prune:success");
            assertThat(kinds).doesNotContain("forget:failed", "backup:failed");
            SetState s = d.scheduler().states().get("home");
            assertThat(s.lastPrune()).isEqualTo(Instant.parse("2026-03-03T12:00:00Z"));
            assertThat(s.forgottenSincePrune()).as("run 5 forgot one, not pruned yet").isEqualTo(1);
            assertThat(stored[1]).as("the prune of run 2 freed the first version's 200 kB").isLessThan(stored[0] + 100_000);
            assertThat(stored[2]).as("run 3 did not prune").isGreaterThan(stored[1] + 150_000);
            assertThat(stored[3]).as("run 4 pruned again").isLessThan(stored[2]);
            assertThat(snapshots(repo)).isEqualTo(1);
        }
    }

    private long storedBytes() throws java.io.IOException {
        try (var s = Files.walk(repo.resolve("data"))) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void aFailingPreHookSkipsTheRunAndIsReported() throws Exception {
        Path config = hourly("    hooks: {pre: 'exit 3'}\n    report-to: http://127.0.0.1:9\n");
        try (Daemon d = f.start(config)) {
            stepAndSettle(d);
            SetState s = d.scheduler().states().get("home");
            assertThat(s.result()).isEqualTo("failed");
            assertThat(s.message()).contains("pre-hook 'exit 3' failed with exit code 3").contains("skipped");
            assertThat(snapshots(repo)).isZero();
            assertThat(d.outbox().pending()).as("the report waits for the server").isEqualTo(1);
            assertThat(s.nextRun()).as("retried at the next slot").isEqualTo(s.lastStart().plus(Duration.ofHours(1)));
        }
    }

    @Test
    void aHookThatOutlivesItsTimeoutIsKilled() throws Exception {
        Path marker = tmp.resolve("post-ran");
        Path config = hourly("    hooks: {pre: 'sleep 60', post: 'touch " + marker + "', timeout: 1s}\n");
        try (Daemon d = f.start(config)) {
            long start = System.nanoTime();
            stepAndSettle(d);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            assertThat(d.scheduler().states().get("home").message()).contains("ran longer than 1 s and was killed");
            assertThat(marker).doesNotExist();
        }
    }

    @Test
    void postHookSeesTheStatus() throws Exception {
        Path marker = tmp.resolve("status.txt");
        try (Daemon d = f.start(hourly("    hooks: {post: 'echo \"$CAIRN_SET $CAIRN_STATUS\" > " + marker + "'}\n"))) {
            stepAndSettle(d);
            assertThat(Files.readString(marker).strip()).isEqualTo("home success");
        }
    }

    @Test
    void aCheckRunsAtMostOncePerItsIntervalAndDamageIsReported() throws Exception {
        java.util.List<com.fasterxml.jackson.databind.JsonNode> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        f.sender = (server, token, json) -> {
            sent.add(Outbox.JSON.readTree(json));
            return 201;
        };
        try (Daemon d = f.start(hourly("    check: {every: 1d, read-data-subset: 100%}\n    report-to: http://127.0.0.1:9\n"))) {
            stepAndSettle(d);
            Instant first = d.scheduler().states().get("home").lastCheck();
            assertThat(first).isEqualTo(f.clock.instant());
            f.clock.advance(Duration.ofHours(1));
            stepAndSettle(d);
            assertThat(d.scheduler().states().get("home").lastCheck()).as("not due again within a day").isEqualTo(first);
            assertThat(sent.stream().filter(r -> r.path("kind").asText().equals("check"))).hasSize(1);

            try (var packs = Files.walk(repo.resolve("data"))) {
                Path pack = packs.filter(Files::isRegularFile).findFirst().orElseThrow();
                byte[] bytes = Files.readAllBytes(pack);
                bytes[bytes.length / 2] ^= 0x55;
                Files.write(pack, bytes);
            }
            f.clock.advance(Duration.ofDays(1));
            stepAndSettle(d);
            SetState s = d.scheduler().states().get("home");
            assertThat(s.lastCheck()).isEqualTo(f.clock.instant());
            assertThat(s.result()).isEqualTo("failed");
            var check = sent.stream().filter(r -> r.path("kind").asText().equals("check")).toList();
            assertThat(check).hasSize(2);
            assertThat(check.get(0).path("damageFound").asBoolean()).isFalse();
            assertThat(check.get(1).path("damageFound").asBoolean()).isTrue();
            assertThat(check.get(1).path("status").asText()).isEqualTo("failed");
            assertThat(check.get(1).path("errors").size()).isPositive();
        }
    }

    @Test
    void aSecondDaemonOnTheStateDirectoryIsRefusedWithThePid() throws Exception {
        Path config = hourly("");
        try (Daemon d = f.start(config)) {
            assertThatThrownBy(() -> f.start(config)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already running").hasMessageContaining("pid " + ProcessHandle.current().pid());
            assertThat(InstanceLock.runningPid(tmp.resolve("state"))).hasValue(ProcessHandle.current().pid());
        }
        assertThat(InstanceLock.runningPid(tmp.resolve("state"))).isEmpty();
    }

    @Test
    void reloadTakesNewSetsAndKeepsTheOldConfigWhenTheNewOneIsBroken() throws Exception {
        Path config = hourly("");
        Path other = f.repository("other");
        try (Daemon d = f.start(config)) {
            stepAndSettle(d);
            Files.writeString(config, Files.readString(config) + "  docs:\n    repository: " + other + "\n    sources: [" + src
                    + "]\n    schedule: every 1d\n");
            d.requestReload();
            stepAndSettle(d);
            assertThat(d.config().sets()).containsKeys("home", "docs");
            assertThat(snapshots(other)).isEqualTo(1);

            Files.writeString(config, "sets:\n  home:\n    schedule: every often\n");
            d.requestReload();
            stepAndSettle(d);
            assertThat(d.config().sets()).containsKeys("home", "docs");
            assertThat(f.log()).contains("config not reloaded, the old one stays in force").contains("line 3");
        }
    }

    @Test
    void runThroughTheControlSocketOfARunningDaemon() throws Exception {
        try (Daemon d = f.start(f.config("sets:\n  nightly:\n    repository: " + repo + "\n    sources: [" + src
                + "]\n    schedule: \"30 2 * * *\"\n"))) {
            Thread loop = Thread.ofPlatform().start(() -> {
                try {
                    d.runLoop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            var answer = Daemon.runThroughRunning(tmp.resolve("state"), "nightly");
            assertThat(answer.path("status").asText()).isEqualTo("success");
            assertThat(snapshots(repo)).isEqualTo(1);
            assertThat(Daemon.runThroughRunning(tmp.resolve("state"), "nope").path("error").asText())
                    .contains("there is no set 'nope'").contains("nightly");
            d.stop();
            loop.join(10_000);
        }
    }
}
