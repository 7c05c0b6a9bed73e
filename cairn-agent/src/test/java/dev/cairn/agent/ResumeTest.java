package dev.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testkit.DeterministicRandom;
import dev.cairn.testkit.TreeAssert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup killed (SIGKILL) after it stored some packs but no index is resumed by the next backup (spec §Resume): that one
 * sends at most what a backup of the same changes sends into the repository as it was before the kill, minus the packs
 * the killed one stored, plus one pack (the one it was writing). Measured on the puts of the second run, the stand-in for
 * a server's ingress counter; the snapshot restores byte for byte and {@code check --read-data} passes.
 */
class ResumeTest {
    private static final String PASSWORD = "resume";

    @TempDir
    Path tmp;

    @Test
    void aBackupAfterAKilledOneDoesNotSendThePacksAlreadyStored() throws Exception {
        CairnProcesses cairn = new CairnProcesses(tmp, PASSWORD);
        Path repo = tmp.resolve("repo");
        Path cache = tmp.resolve("cache");
        cairn.init(repo);
        Path source = Files.createDirectories(tmp.resolve("src"));
        write(source, "old", 8, 0);
        assertThat(cairn.run(repo.toString(), cache, "backup", source.toString()).code()).isZero();
        write(source, "new", 24, 100); // about 8 packs of changes
        Path before = copy(repo, tmp.resolve("repo-before"));

        long packsBefore = packBytes(repo);
        Path signal = tmp.resolve("signal");
        CairnProcesses.Started killed = cairn.start(CairnProcesses.crashPoint(repo, "data:start:5", signal, null), cache,
                "backup", source.toString());
        try {
            killed.await("the backup stored 4 packs", () -> Files.exists(signal));
        } finally {
            killed.kill();
        }
        long stored = packBytes(repo) - packsBefore;
        assertThat(stored).as("the killed backup stored packs").isGreaterThan(3L * CairnProcesses.PACK_SIZE);

        Puts fresh = meteredBackup(cairn, before, tmp.resolve("cache-before"), source, "fresh");
        Puts resumed = meteredBackup(cairn, repo, cache, source, "resumed");
        assertThat(resumed.data()).as("pack bytes sent by the resumed backup (a fresh one of the changes sends %d, the killed one"
                + " stored %d; index bytes %d)", fresh.data(), stored, resumed.index())
                .isLessThanOrEqualTo(fresh.data() - stored + CairnProcesses.PACK_SIZE + 4096);

        assertThat(cairn.run(repo.toString(), cache, "check", "--read-data").code()).isZero();
        Path target = tmp.resolve("target");
        assertThat(cairn.run(repo.toString(), cache, "restore", "latest", "--target", target.toString()).code()).isZero();
        Path abs = source.toAbsolutePath();
        TreeAssert.assertSameTree(source, target.resolve(abs.getRoot().relativize(abs).toString()));
    }

    /** Bytes of packs and of index files that one backup put. */
    private record Puts(long data, long index) {
    }

    private Puts meteredBackup(CairnProcesses cairn, Path repo, Path cache, Path source, String name) throws Exception {
        Path log = tmp.resolve("puts-" + name);
        CairnProcesses.Finished backup = cairn.run(CairnProcesses.metered(repo, log), cache, "backup", source.toString());
        assertThat(backup.code()).as(backup.output()).isZero();
        long data = 0;
        long index = 0;
        for (String line : Files.readAllLines(log)) {
            String[] kindBytes = line.split(" ");
            long bytes = Long.parseLong(kindBytes[1]);
            data += kindBytes[0].equals("data") ? bytes : 0;
            index += kindBytes[0].equals("index") ? bytes : 0;
        }
        return new Puts(data, index);
    }

    private static void write(Path dir, String prefix, int files, long seed) throws IOException {
        for (int i = 0; i < files; i++) {
            Files.write(dir.resolve(prefix + i), DeterministicRandom.bytes(seed + i, 20 << 10)); // 3 files a pack
        }
    }

    private static long packBytes(Path repo) throws IOException {
        try (Stream<Path> files = Files.walk(repo.resolve("data"))) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
            }
        }
        return to;
    }
}
