package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * A full temp directory or a small {@code ulimit -f} (issue 21, found by the reliability harness's agent-disk-full fault):
 * zstd-jni cannot unpack its native library, and the command says so instead of "internal error ... please report it".
 * The exception shapes are zstd-jni 1.5.7's: an {@link ExceptionInInitializerError} at first use, a
 * {@link NoClassDefFoundError} on later uses.
 */
class NativeLibraryFailureTest {
    @Test
    void aFullTempDirectoryIsNamedWithWhatToDo() {
        var e = new CompletionException(new ExceptionInInitializerError("Cannot unpack libzstd-jni-1.5.7-6: File too large"));

        String message = ExitCodes.message(e);

        assertThat(message).contains("temp directory " + System.getProperty("java.io.tmpdir"))
                .contains("File too large").contains("full").contains("ulimit -f").contains("TMPDIR")
                .doesNotContain("internal error", "please report", "java.lang");
        assertThat(ExitCodes.of(e)).isEqualTo(ExitCodes.FATAL);
    }

    @Test
    void laterUsesOfTheFailedLibraryGetTheSameMessage() {
        var later = new NoClassDefFoundError("Could not initialize class com.github.luben.zstd.ZstdOutputStreamNoFinalizer");
        later.initCause(new ExceptionInInitializerError("Cannot unpack libzstd-jni-1.5.7-6: No space left on device"));

        assertThat(NativeLibraryFailure.describe(later, "/tmp")).startsWith("cannot unpack the compression library")
                .contains("(No space left on device)");
    }

    @Test
    void otherLinkageErrorsAreStillInternalErrors() {
        assertThat(NativeLibraryFailure.describe(new NoClassDefFoundError("org/example/Missing"), "/tmp")).isNull();
        assertThat(ExitCodes.message(new NoClassDefFoundError("org/example/Missing"))).startsWith("internal error: ");
    }
}
