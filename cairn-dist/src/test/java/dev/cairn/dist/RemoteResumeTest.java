package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.testkit.DeterministicRandom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 a real backup to the server after some packs were stored, run it again: by the server's ingress counter, the
 * rerun sends what the first run had not stored, plus at most one pack and the index; the snapshot restores exactly.
 */
class RemoteResumeTest {
    private static final int MIB = 1 << 20;
    private static final int FILES = 10;
    @TempDir
    Path tmp;
    RemoteFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new RemoteFixture(tmp);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void aKilledBackupIsResumedWithoutResendingWhatTheServerStored() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        for (int i = 0; i < FILES; i++) {
            Files.write(source.resolve("part" + i + ".bin"), DeterministicRandom.bytes(70 + i, 8 * MIB));
        }
        long corpus = (long) FILES * 8 * MIB;
        String repo = f.repo("laptop");
        f.ok("init", "-r", repo);
        Process agent = f.agentProcess("backup", "-r", repo, "--limit-upload", "8192", source.toString());
        try {
            waitForPacks(agent, 3);
        } finally {
            agent.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        long stored = bytes(f.objects("laptop", BlobKind.PACK));
        long before = f.ingress();

        f.ok("backup", "-r", repo, source.toString());

        long resent = f.ingress() - before;
        List<BlobInfo> packs = f.objects("laptop", BlobKind.PACK);
        long onePack = packs.stream().mapToLong(BlobInfo::size).max().orElseThrow();
        long index = bytes(f.objects("laptop", BlobKind.INDEX));
        long trees = MIB; // the trees, the snapshot and the pack headers of a 10-file backup: well under a MiB
        assertThat(resent).as("bytes sent by the rerun; the killed run had stored %d of %d", stored, corpus)
                .isLessThanOrEqualTo(corpus - stored + onePack + index + trees);
        f.ok("check", "-r", repo, "--read-data");
        Path target = tmp.resolve("restore");
        f.ok("restore", "latest", "-r", repo, "--target", target.toString());
        for (int i = 0; i < FILES; i++) {
            Path restored = target.resolve(source.toAbsolutePath().getRoot().relativize(source.toAbsolutePath()))
                    .resolve("part" + i + ".bin");
            assertThat(restored).hasBinaryContent(DeterministicRandom.bytes(70 + i, 8 * MIB));
        }
    }

    /** Waits until the server holds {@code count} packs of the running backup (it must not have finished yet). */
    private void waitForPacks(Process agent, int count) throws Exception {
        while (f.objects("laptop", BlobKind.PACK).size() < count) {
            if (!agent.isAlive()) {
                throw new AssertionError("the backup ended before " + count + " packs were stored; its log:\n"
                        + Files.readString(tmp.resolve("agent.log")));
            }
            Thread.sleep(50);
        }
    }

    private static long bytes(List<BlobInfo> objects) {
        return objects.stream().mapToLong(BlobInfo::size).sum();
    }
}
