package dev.cairn.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The OS conditions an operator can fix, in the shapes the JDK reports them (a disk cannot be filled safely in a unit
 * test, so ENOSPC is fed in as the JDK would raise it from a {@code FileChannel} write or a file creation).
 */
class LocalErrorsTest {
    private static final Path ROOT = Path.of("/srv/cairn");
    private static final BlobName NAME = BlobName.of(BlobKind.PACK, "ab".repeat(32));

    @Test
    void diskFullFromAWriteSaysTheDiskIsFullAndNothingWasStored() {
        IOException translated = LocalErrors.forWrite(ROOT, NAME, ROOT.resolve("tmp"),
                new IOException("No space left on device"));
        assertThat(translated).hasMessageContaining("disk is full").hasMessageContaining("nothing was stored")
                .hasMessageContaining(NAME.toString()).hasMessageContaining("/srv/cairn");
    }

    @Test
    void diskFullAndQuotaFromFileCreationAreRecognised() {
        assertThat(LocalErrors.isDiskFull(new FileSystemException("/srv/cairn/tmp/x", null, "No space left on device")))
                .isTrue();
        assertThat(LocalErrors.isDiskFull(new FileSystemException("/x", null, "Disk quota exceeded"))).isTrue();
        assertThat(LocalErrors.isDiskFull(new IOException("Input/output error"))).isFalse();
    }

    @Test
    void permissionProblemsBecomeAccessDeniedWithTheFix() {
        for (IOException raw : new IOException[] {new AccessDeniedException("/srv/cairn/tmp/x"),
                new FileSystemException("/srv/cairn/tmp/x", null, "Operation not permitted")}) {
            IOException translated = LocalErrors.forWrite(ROOT, NAME, ROOT.resolve("tmp"), raw);
            assertThat(translated).isInstanceOf(AccessDeniedException.class).hasCause(raw)
                    .hasMessageContaining("permission denied").hasMessageContaining("chown");
        }
    }

    @Test
    void onlyLinkFailuresMentionHardLinks() {
        IOException raw = new FileSystemException("/x", null, "Operation not permitted");
        assertThat(LocalErrors.forLink(ROOT, NAME, ROOT, raw)).hasMessageContaining("hard links");
        assertThat(LocalErrors.forWrite(ROOT, NAME, ROOT, raw)).message().doesNotContain("hard links");
    }

    @Test
    void readOnlyMountsAreNamed() {
        IOException raw = new FileSystemException("/x", null, "Read-only file system");
        assertThat(LocalErrors.forWrite(ROOT, NAME, ROOT, raw)).hasMessageContaining("mounted read-only");
        assertThat(LocalErrors.forAccess(ROOT, ROOT, "delete x", raw)).hasMessageContaining("read-only");
    }

    @Test
    void otherFailuresPassThroughUnchanged() {
        IOException raw = new IOException("Input/output error");
        assertThat(LocalErrors.forWrite(ROOT, NAME, ROOT, raw)).isSameAs(raw);
        assertThat(LocalErrors.forAccess(ROOT, ROOT, "read x", raw)).isSameAs(raw);
    }
}
