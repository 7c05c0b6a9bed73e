package dev.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.LocalBlobStore;
import dev.cairn.engine.crypto.KdfParams;
import dev.cairn.engine.repo.Environment;
import dev.cairn.engine.repo.Repositories;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.id.BlobId;
import dev.cairn.testkit.DeterministicRandom;
import dev.cairn.testkit.TreeAssert;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills real {@code cairn backup} processes (SIGKILL) at points chosen by what they are doing: the store of the child
 * process ({@link CrashPointProvider}) stops it at one point of its writes and says so, the test checks that the
 * repository shows exactly that point, and kills it. Every point of the spec's write order is hit once (§Write ordering);
 * afterwards {@code check --read-data} passes and a new backup succeeds and restores exactly.
 */
class CrashTest {
    private static final String PASSWORD = "crash-test";
    private static final Duration ARRIVAL = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    /** Where a kill lands; {@code point} is {@code KIND:EVENT:N} of {@link CrashPointProvider}. */
    enum Phase {
        LOCK_TAKEN("locks:done:1"),
        FIRST_PACK_HALF_WRITTEN("data:half:1"),
        AFTER_THREE_PACKS("data:start:4"),
        INDEX_HALF_WRITTEN("index:half:1"),
        BETWEEN_INDEX_AND_SNAPSHOT("snapshots:start:1"),
        SNAPSHOT_HALF_WRITTEN("snapshots:half:1"),
        AFTER_SNAPSHOT("snapshots:done:1");

        final String point;

        Phase(String point) {
            this.point = point;
        }
    }

    /** Objects of each kind in the repository, plus the temp files of puts in progress. */
    private record State(Map<BlobKind, Integer> objects, List<String> packs, List<String> temps) {
        int added(BlobKind kind, State before) {
            return objects.get(kind) - before.objects.get(kind);
        }

        boolean halfWritten(BlobKind kind) {
            return temps.stream().anyMatch(t -> t.startsWith(kind.dirName() + "-"));
        }
    }

    @Test
    void backupsKilledAtEveryPointOfTheWriteOrderLeaveARepositoryThatChecksAndBacksUpAgain() throws Exception {
        Path repo = tmp.resolve("repo");
        try (LocalBlobStore store = LocalBlobStore.create(repo);
             Repository r = Repositories.init(store, PASSWORD.toCharArray(), Repositories.InitOptions.defaults()
                     .withKdf(KdfParams.TEST).withPackSize(64 << 10), Environment.system())) {
            assertThat(r.config().packSize()).isEqualTo(64 << 10); // one or two files per pack: many packs from little data
        }
        Path source = Files.createDirectories(tmp.resolve("src"));
        List<String> hit = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            Path round = Files.createDirectories(source.resolve(phase.name())); // new data: every round writes packs
            for (int i = 0; i < 8; i++) {
                Files.write(round.resolve("f" + i), DeterministicRandom.bytes(phase.ordinal() * 100L + i, 48 << 10));
            }
            State before = state(repo);
            hit.add(killAt(phase, source));
            assertState(phase, before, state(repo));
        }
        assertThat(hit).as("each kill landed at its point, and every point was hit")
                .containsExactlyElementsOf(Stream.of(Phase.values()).map(p -> p.point).toList());

        assertThat(run("check", "--read-data")).as("check after killed backups").isZero();
        assertThat(run("backup", source.toString())).isZero();
        assertThat(run("check", "--read-data")).isZero();
        assertThat(run("restore", "latest", "--target", tmp.resolve("target").toString())).isZero();
        Path abs = source.toAbsolutePath();
        TreeAssert.assertSameTree(source, tmp.resolve("target").resolve(abs.getRoot().relativize(abs).toString()));
    }

    /** Runs a backup that stops at {@code phase}, waits (bounded) until it says it is there, kills it; returns what it said. */
    private String killAt(Phase phase, Path source) throws Exception {
        Path signal = tmp.resolve("signal-" + phase);
        String location = "crashpoint:" + tmp.resolve("repo").toUri().getRawPath() + "?point=" + phase.point + "&signal="
                + URLEncoder.encode(signal.toString(), StandardCharsets.UTF_8);
        Process backup = cairn(location, "backup", source.toString());
        try {
            long deadline = System.nanoTime() + ARRIVAL.toNanos();
            while (!Files.exists(signal) && backup.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Files.exists(signal)).as("backup reached %s within %s (alive: %s; log: %s)", phase, ARRIVAL,
                    backup.isAlive(), log()).isTrue();
            assertThat(backup.isAlive()).as("the backup waits at %s to be killed", phase).isTrue();
            return Files.readString(signal);
        } finally {
            backup.destroyForcibly();
            assertThat(backup.waitFor(30, TimeUnit.SECONDS)).as("killed backup exited").isTrue();
        }
    }

    /** The repository shows the point the kill hit: nothing after it is there, and the write it interrupted is partial. */
    private void assertState(Phase phase, State before, State after) throws IOException {
        int packs = after.added(BlobKind.PACK, before);
        int indexes = after.added(BlobKind.INDEX, before);
        int snapshots = after.added(BlobKind.SNAPSHOT, before);
        var state = assertThat(List.of(packs, indexes, snapshots)).as("%s: new packs, indexes, snapshots; temps %s", phase,
                after.temps());
        switch (phase) {
            case LOCK_TAKEN -> {
                state.containsExactly(0, 0, 0);
                assertThat(after.added(BlobKind.LOCK, before)).isEqualTo(1);
            }
            case FIRST_PACK_HALF_WRITTEN -> {
                state.containsExactly(0, 0, 0);
                assertThat(after.halfWritten(BlobKind.PACK)).as("a pack is half written").isTrue();
            }
            case AFTER_THREE_PACKS -> state.containsExactly(3, 0, 0);
            case INDEX_HALF_WRITTEN -> {
                assertThat(packs).isPositive();
                assertThat(List.of(indexes, snapshots)).containsExactly(0, 0);
                assertThat(after.halfWritten(BlobKind.INDEX)).as("an index is half written").isTrue();
            }
            case BETWEEN_INDEX_AND_SNAPSHOT -> {
                assertThat(indexes).isPositive();
                assertThat(snapshots).isZero();
                assertEveryPackIsIndexed(after.packs().stream().filter(p -> !before.packs().contains(p)).toList());
            }
            case SNAPSHOT_HALF_WRITTEN -> {
                assertThat(snapshots).isZero();
                assertThat(after.halfWritten(BlobKind.SNAPSHOT)).as("a snapshot is half written").isTrue();
            }
            case AFTER_SNAPSHOT -> assertThat(snapshots).isEqualTo(1);
        }
    }

    /** Before the snapshot is written, every pack of the backup is listed by a stored index (write order rules 1 and 2). */
    private void assertEveryPackIsIndexed(List<String> packs) throws IOException {
        assertThat(packs).isNotEmpty();
        try (LocalBlobStore store = LocalBlobStore.open(tmp.resolve("repo"));
             Repository r = Repositories.open(store, PASSWORD.toCharArray(), Environment.system())) {
            assertThat(packs).allSatisfy(p -> assertThat(r.index().hasPack(BlobId.parse(p))).as("pack %s indexed", p).isTrue());
        }
    }

    /**
     * What the repository holds. The temp files are listed first: opening the store removes those no live process holds
     * (a killed backup's half-written object), which is what a later run relies on but would hide the evidence here.
     */
    private static State state(Path repo) throws IOException {
        List<String> temps = List.of();
        if (Files.isDirectory(repo.resolve("tmp"))) {
            try (Stream<Path> files = Files.list(repo.resolve("tmp"))) {
                temps = files.map(f -> f.getFileName().toString()).toList();
            }
        }
        Map<BlobKind, Integer> counts = new EnumMap<>(BlobKind.class);
        List<String> packs;
        try (LocalBlobStore store = LocalBlobStore.open(repo)) {
            for (BlobKind kind : BlobKind.values()) {
                counts.put(kind, store.list(kind).size());
            }
            packs = store.list(BlobKind.PACK).stream().map(i -> i.name().id()).toList();
        }
        assertThat(repo.resolve("tmp")).as("opening the store removed the dead backup's temp files").isEmptyDirectory();
        return new State(counts, packs, temps);
    }

    private String log() throws IOException {
        Path log = tmp.resolve("cairn.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private int run(String... args) throws IOException, InterruptedException {
        Process p = cairn(tmp.resolve("repo").toString(), args);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("cairn %s finished", String.join(" ", args)).isTrue();
        return p.exitValue();
    }

    private Process cairn(String repository, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                AgentMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve("cairn.log").toFile()));
        pb.environment().put("CAIRN_REPOSITORY", repository);
        pb.environment().put("CAIRN_PASSWORD", PASSWORD);
        pb.environment().put("CAIRN_CACHE_DIR", tmp.resolve("cache").toString()); // never the user's ~/.cache
        pb.environment().put("LC_ALL", "C.UTF-8");
        return pb.start();
    }
}
