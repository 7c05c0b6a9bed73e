package dev.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opentest4j.AssertionFailedError;

/**
 * Golden-file assertions: compares text a test computed with a file checked into the source tree (format vectors,
 * known answers). Run the tests with {@code -Dcairn.golden.update=true} to rewrite the files instead; each rewritten
 * file then fails its test once, so an update can never pass unnoticed. Review the diff before committing it.
 *
 * <p>Paths are relative to the working directory, which surefire sets to the module's base directory, so pass e.g.
 * {@code Path.of("src/test/resources/vectors/...")}. Stateless; files are read and written as UTF-8.
 */
public final class Golden {

    /** The system property that switches from comparing to rewriting. */
    public static final String UPDATE_PROPERTY = "cairn.golden.update";

    private Golden() {}

    /**
     * Asserts that {@code file} holds exactly {@code actual}, or rewrites it when {@value #UPDATE_PROPERTY} is
     * {@code true}.
     *
     * @throws AssertionFailedError if the content differs, the file is missing, or the file was just rewritten
     * @throws UncheckedIOException if the file cannot be read or written
     */
    public static void assertMatches(Path file, String actual) {
        assertMatches(file, actual, Boolean.getBoolean(UPDATE_PROPERTY));
    }

    static void assertMatches(Path file, String actual, boolean update) {
        try {
            if (update) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                throw new AssertionFailedError("golden file " + file + " was updated (-D" + UPDATE_PROPERTY
                        + "=true); review the diff, then run again without the property");
            }
            if (!Files.exists(file)) {
                throw new AssertionFailedError("golden file " + file + " is missing; create it by running the test with -D"
                        + UPDATE_PROPERTY + "=true");
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(actual).as("content of golden file %s (regenerate only for a deliberate format change: -D%s=true)",
                    file, UPDATE_PROPERTY).isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException("golden file " + file, e);
        }
    }
}
