package dev.cairn.engine.backup;

import static dev.cairn.engine.backup.EngineFixture.backup;
import static dev.cairn.engine.backup.EngineFixture.restored;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.BlobOp;
import dev.cairn.blob.LocalBlobStore;
import dev.cairn.engine.check.CheckOptions;
import dev.cairn.engine.check.Checker;
import dev.cairn.engine.repo.IndexRepair;
import dev.cairn.engine.repo.Repository;
import dev.cairn.testkit.FaultyBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delete that took effect but was answered "not found" (a proxy or balancer passed the request on a second time after
 * the first one deleted the object) is a delete that succeeded: {@code repair index} finishes, and loses nothing.
 */
class LostDeleteAnswerTest {
    @TempDir
    Path tmp;

    @Test
    void repairIndexFinishesWhenADeletedOldIndexFileIsReportedMissing() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        Files.write(source.resolve("a.bin"), dev.cairn.testkit.DeterministicRandom.bytes(1, 1 << 20));
        try (LocalBlobStore local = LocalBlobStore.create(tmp.resolve("repo"))) {
            try (Repository repo = EngineFixture.init(local)) {
                backup(repo, source);
                Files.write(source.resolve("b.bin"), dev.cairn.testkit.DeterministicRandom.bytes(2, 1 << 20));
                backup(repo, source);
            }
            int oldIndexFiles = local.list(BlobKind.INDEX).size();
            assertThat(oldIndexFiles).isGreaterThanOrEqualTo(2);
            FaultyBlobStore answerLost = FaultyBlobStore.wrap(local).failAfter(BlobOp.DELETE, 1,
                    new BlobNotFoundException(BlobName.of(BlobKind.INDEX, "0".repeat(64))));
            try (Repository repo = EngineFixture.open(answerLost)) {
                IndexRepair.Result result = IndexRepair.rebuild(repo);
                assertThat(result.oldIndexFilesDeleted()).isEqualTo(oldIndexFiles);
                assertThat(result.unreadablePacks()).isEmpty();
            }
            try (Repository repo = EngineFixture.open(local)) {
                assertThat(Checker.create(repo, CheckOptions.readAll(), null).run().ok()).isTrue();
                EngineFixture.restoreLatest(repo, tmp.resolve("target"));
                assertThat(restored(tmp.resolve("target"), source).resolve("a.bin")).hasSameBinaryContentAs(source.resolve("a.bin"));
                assertThat(restored(tmp.resolve("target"), source).resolve("b.bin")).hasSameBinaryContentAs(source.resolve("b.bin"));
            }
        }
    }
}
