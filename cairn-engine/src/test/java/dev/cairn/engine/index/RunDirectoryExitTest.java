package dev.cairn.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process's private index directory is deleted when the JVM exits with the index still open (an interrupted command, a
 * repository never closed), not left in the temporary directory; only a JVM that cannot run its exit hooks leaves it.
 */
class RunDirectoryExitTest {

    @Test
    void anUnclosedPrivateDirectoryIsDeletedAtExit(@TempDir Path tmp) throws Exception {
        Path left = runChild(tmp, "exit");
        assertThat(left).as("the child made its private directory").startsWithRaw(tmp);
        assertThat(privateDirectories(tmp)).isEmpty();
    }

    @Test
    void aHaltedJvmLeavesItThisIsWhatTheHookCleans(@TempDir Path tmp) throws Exception {
        Path left = runChild(tmp, "halt");
        assertThat(privateDirectories(tmp)).containsExactly(left);
    }

    private static Path runChild(Path tmp, String how) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), how).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(3);
        return Path.of(out.lines().reduce((a, b) -> b).orElseThrow());
    }

    private static List<Path> privateDirectories(Path tmp) throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("cairn-index-")).toList();
        }
    }

    /** Opens a private run directory, puts a file in it, prints its path and ends without closing it. */
    public static final class Child {
        public static void main(String[] args) throws IOException {
            RunDirectory dir = RunDirectory.temporary();
            Files.writeString(dir.target(List.of()), "run");
            System.out.println(dir.path());
            System.out.flush();
            if ("halt".equals(args[0])) {
                Runtime.getRuntime().halt(3);
            }
            System.exit(3);
        }
    }
}
