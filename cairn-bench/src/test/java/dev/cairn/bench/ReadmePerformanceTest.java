package dev.cairn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's performance section is exactly what bench/readme.sh makes of the result files in bench/results/. */
class ReadmePerformanceTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theReadmeShowsTheResultFiles() throws Exception {
        assertThat(ROOT.resolve("bench/results")).isDirectory();
        try (var files = Files.list(ROOT.resolve("bench/results"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".md"))).as("result files").hasSizeGreaterThanOrEqualTo(4);
        }
        Process check = new ProcessBuilder("bash", ROOT.resolve("bench/readme.sh").toString(), "--check")
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).as("bench/readme.sh --check finished").isTrue();
        assertThat(check.exitValue()).as(output).isZero();
        String readme = Files.readString(ROOT.resolve("README.md"));
        try (var files = Files.list(ROOT.resolve("bench/results"))) {
            var compare = files.filter(f -> f.getFileName().toString().matches("compare(-[a-z]+)?\\.md")).toList();
            assertThat(compare).as("bench/compare.sh's result files").isNotEmpty();
            for (Path f : compare) {
                assertThat(readme).as(f.toString()).contains(Files.readString(f).lines().skip(1).findFirst().orElseThrow());
            }
        }
    }
}
