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
    void aFailureInsideTheBlobSaverIsNamedToo() {
        // the pack saver wraps an Error from its worker in an IOException ("saving blobs failed: ..."); CI seed 6408130
        var inSaver = new ExceptionInInitializerError("Cannot unpack libzstd-jni-1.5.7-6: File too large");
        var e = new java.io.IOException("saving blobs failed: " + inSaver, inSaver);

        assertThat(ExitCodes.message(e)).startsWith("cannot unpack the compression library").contains("ulimit -f")
                .doesNotContain("saving blobs", "java.lang");
    }

    @Test
    void aFailureOnTheCommandsOwnThreadIsAnErrorLineNotAStackTrace() {
        var err = new java.io.StringWriter();
        var cmd = new picocli.CommandLine(new FailsToLoadZstd());
        cmd.setExecutionExceptionHandler(new ErrorHandler()).setErr(new java.io.PrintWriter(err));

        int code = cmd.execute();

        assertThat(code).isEqualTo(ExitCodes.FATAL);
        assertThat(err.toString()).startsWith("error: cannot unpack the compression library").doesNotContain("\tat ");
    }

    @picocli.CommandLine.Command(name = "fails")
    static final class FailsToLoadZstd extends BaseCommand {
        @Override
        protected int execute() {
            throw new ExceptionInInitializerError("Cannot unpack libzstd-jni-1.5.7-6: File too large");
        }
    }

    @Test
    void otherLinkageErrorsAreStillInternalErrors() {
        assertThat(NativeLibraryFailure.describe(new NoClassDefFoundError("org/example/Missing"), "/tmp")).isNull();
        assertThat(ExitCodes.message(new NoClassDefFoundError("org/example/Missing"))).startsWith("internal error: ");
    }
}
