package dev.cairn.engine.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checked-in seed corpus of {@link DecoderFuzzTest} is real: every target has valid inputs that its decoder accepts
 * (so a format change that leaves the seeds behind fails here, not silently in the fuzzer) and near-valid ones.
 */
class SeedCorpusTest {
    /** The corpus in the source tree; tests run with the module directory as working directory. */
    static final Path INPUTS = Path.of("src/test/resources/dev/cairn/engine/fuzz/DecoderFuzzTestInputs");

    static Stream<String> targets() {
        return Decoders.ALL.keySet().stream().sorted();
    }

    @Test
    void everyFuzzTargetHasADecoderHere() {
        List<String> fuzzTargets = Stream.of(DecoderFuzzTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(com.code_intelligence.jazzer.junit.FuzzTest.class)).map(m -> m.getName()).toList();
        assertThat(fuzzTargets).hasSize(8).containsExactlyInAnyOrderElementsOf(Decoders.ALL.keySet());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void validSeedsDecodeAndNearValidOnesAreThere(String target) throws Exception {
        List<Path> files = files(target);
        List<Path> valid = files.stream().filter(f -> f.getFileName().toString().startsWith("valid-")).toList();
        assertThat(valid).as("valid seeds of %s", target).isNotEmpty();
        assertThat(files.stream().filter(f -> f.getFileName().toString().startsWith("near-"))).as("near-valid seeds of %s", target)
                .hasSizeGreaterThanOrEqualTo(4);
        for (Path f : valid) {
            assertThat(Decoders.ALL.get(target).decode(Files.readAllBytes(f))).as("%s decodes", f).isNotNull();
        }
    }

    /** {@code scripts/fuzz seeds}: rewrites the generated seeds (-Dcairn.fuzz.seeds=write); findings stay. */
    @Test
    @EnabledIfSystemProperty(named = "cairn.fuzz.seeds", matches = "write")
    void writeSeeds(@TempDir Path scratch) throws Exception {
        DecoderSeeds.write(INPUTS, DecoderSeeds.generate(scratch));
    }

    private static List<Path> files(String target) throws IOException {
        try (Stream<Path> files = Files.list(INPUTS.resolve(target))) {
            return files.toList();
        }
    }
}
