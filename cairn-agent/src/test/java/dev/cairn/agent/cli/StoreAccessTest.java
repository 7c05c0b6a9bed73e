package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.MemoryBlobStore;
import dev.cairn.blob.ReadOnlyBlobStoreException;
import dev.cairn.blob.ThrottlingBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How commands reach the store: read commands through a read-only view (a bug in one can never alter the repository),
 * and {@code --limit-upload}/{@code --limit-download} (KiB/s, as restic's) through a bandwidth limit.
 */
class StoreAccessTest {
    @TempDir
    Path dir;

    @Test
    void aReadOnlyAccessRefusesChangesAndLimitsThrottle() throws Exception {
        BlobName name = BlobName.of(BlobKind.SNAPSHOT, "ab".repeat(32));
        BlobStore readOnly = new RepositoryAccess.StoreAccess(true, ThrottlingBlobStore.UNLIMITED,
                ThrottlingBlobStore.UNLIMITED).apply(MemoryBlobStore.create());
        assertThatThrownBy(() -> readOnly.put(name, new byte[] {1})).isInstanceOf(ReadOnlyBlobStoreException.class);
        BlobStore limited = new RepositoryAccess.StoreAccess(false, 1024, 2048).apply(MemoryBlobStore.create());
        assertThat(limited).isInstanceOf(ThrottlingBlobStore.class);
        BlobStore plain = MemoryBlobStore.create();
        assertThat(new RepositoryAccess.StoreAccess(false, ThrottlingBlobStore.UNLIMITED,
                ThrottlingBlobStore.UNLIMITED).apply(plain)).isSameAs(plain);
    }

    @Test
    void aLimitBelowOneKibPerSecondIsAUsageError() {
        CliHarness cli = CliHarness.initialised(dir.resolve("repo"));
        var r = cli.run("snapshots", "--limit-download", "0");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--limit-download must be at least 1");
    }

    @Test
    void backupAndRestoreWorkWithLimitsAndReadCommandsNeverWrite() throws Exception {
        CliHarness cli = CliHarness.initialised(dir.resolve("repo"));
        Path source = Files.createDirectories(dir.resolve("source"));
        Files.writeString(source.resolve("a.txt"), "limited but complete");
        String id = cli.backup(source.toString(), "--limit-upload", "4096");
        long filesBefore = countFiles(dir.resolve("repo"));
        cli.ok("snapshots");
        cli.ok("ls", id);
        cli.ok("check", "--read-data");
        cli.ok("stats");
        cli.ok("restore", id, "--target", dir.resolve("out").toString(), "--limit-download", "4096");
        assertThat(countFiles(dir.resolve("repo"))).as("read commands added nothing to the repository")
                .isEqualTo(filesBefore);
        try (var restored = Files.walk(dir.resolve("out"))) {
            assertThat(restored.filter(p -> p.getFileName().toString().equals("a.txt")).findFirst())
                    .hasValueSatisfying(p -> assertThat(p).hasContent("limited but complete"));
        }
    }

    private static long countFiles(Path root) throws Exception {
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
