package dev.cairn.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SortedListingTest {
    @TempDir
    Path tmp;

    @Test
    void aDirectoryLargerThanMemoryIsListedInNameOrderThroughSpilledChunksThatLeaveNothingBehind() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("dir"));
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String name = (i % 3 == 0 ? "ü" : i % 3 == 1 ? "B" : "a") + Integer.toString(i * 7919 % 1000, 36) + "-" + i;
            Files.createFile(dir.resolve(name));
            expected.add(name);
        }
        expected.sort(null);
        List<String> listed = new ArrayList<>();
        try (SortedListing listing = SortedListing.of(dir, scratch, 64)) {
            for (Path p = listing.next(); p != null; p = listing.next()) {
                assertThat(p.getParent()).isEqualTo(dir);
                listed.add(p.getFileName().toString());
            }
            assertThat(count(scratch)).as("the spill file is unlinked as soon as it is open").isZero();
        }
        assertThat(listed).containsExactlyElementsOf(expected);
        try (SortedListing small = SortedListing.of(dir, scratch, 5000)) {
            assertThat(small.next().getFileName().toString()).isEqualTo(expected.getFirst());
        }
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
