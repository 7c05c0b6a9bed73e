package dev.cairn.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordSorterTest {
    @TempDir
    Path tmp;

    @Test
    void sortsStablyThroughSpillFilesAndDeletesThem() throws IOException {
        Random random = new Random(3);
        List<byte[]> added = new ArrayList<>();
        try (RecordSorter sorter = new RecordSorter(6, 2, 1000, tmp)) {
            for (int i = 0; i < 25_000; i++) {
                byte[] r = new byte[6];
                r[0] = (byte) random.nextInt(4); // few distinct keys: stability matters
                r[1] = (byte) random.nextInt(256);
                r[2] = (byte) (i >>> 24);
                r[3] = (byte) (i >>> 16);
                r[4] = (byte) (i >>> 8);
                r[5] = (byte) i;
                added.add(r);
                sorter.add(r, 0);
            }
            assertThat(spills()).isGreaterThan(20);
            List<byte[]> expected = new ArrayList<>(added);
            expected.sort(Comparator.comparing(r -> Arrays.copyOf(r, 2), Arrays::compareUnsigned)); // List.sort is stable
            List<byte[]> actual = new ArrayList<>();
            try (RecordSorter.Cursor c = sorter.sorted()) {
                byte[] r = new byte[6];
                while (c.next(r, 0)) {
                    actual.add(r.clone());
                }
            }
            assertThat(actual).hasSize(expected.size());
            for (int i = 0; i < actual.size(); i++) {
                assertThat(actual.get(i)).as("record %d", i).isEqualTo(expected.get(i));
            }
        }
        assertThat(spills()).isZero();
    }

    private long spills() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.count();
        }
    }
}
