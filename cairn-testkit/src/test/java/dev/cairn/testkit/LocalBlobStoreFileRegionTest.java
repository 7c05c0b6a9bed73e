package dev.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.FileRegionContent;
import dev.cairn.blob.LocalBlobStore;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content that is a region of a file (a pack in its temporary file) is copied file to file: the stored object holds exactly
 * the region's bytes, the stream's read path is not used, and short content stores nothing.
 */
class LocalBlobStoreFileRegionTest {
    private static final BlobName NAME = BlobName.of(BlobKind.PACK, "ab".repeat(32));

    @TempDir
    Path dir;

    /** Reads refuse: the store must take the file path. Copies from {@code position} of {@code file}. */
    private static final class Region extends ByteArrayInputStream implements FileRegionContent {
        private final FileChannel file;
        private long position;

        Region(FileChannel file, long position) {
            super(new byte[0]);
            this.file = file;
            this.position = position;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            throw new AssertionError("the stream was read instead of copied file to file");
        }

        @Override
        public void copyTo(FileChannel target, long length) throws IOException {
            if (length > file.size() - position) {
                throw new EOFException("short");
            }
            long end = position + length;
            while (position < end) {
                position += file.transferTo(position, end - position, target);
            }
        }
    }

    @Test
    void aFileRegionIsStoredByteForByteWithoutReadingTheStream() throws Exception {
        LocalBlobStore store = LocalBlobStore.create(dir.resolve("store"));
        byte[] bytes = DeterministicRandom.bytes(3, 3 << 20);
        Path source = Files.write(dir.resolve("source"), bytes);
        try (FileChannel ch = FileChannel.open(source, StandardOpenOption.READ)) {
            store.put(NAME, new Region(ch, 1000), bytes.length - 1000L);
        }
        try (var in = store.get(NAME)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 1000, bytes.length));
        }
    }

    @Test
    void aShortRegionStoresNothing() throws Exception {
        LocalBlobStore store = LocalBlobStore.create(dir.resolve("store"));
        Path source = Files.write(dir.resolve("source"), new byte[100]);
        try (FileChannel ch = FileChannel.open(source, StandardOpenOption.READ)) {
            assertThatThrownBy(() -> store.put(NAME, new Region(ch, 0), 101)).isInstanceOf(EOFException.class)
                    .hasMessageContaining("nothing was stored");
        }
        assertThatThrownBy(() -> store.get(NAME)).isInstanceOf(BlobNotFoundException.class);
        try (var temps = Files.list(dir.resolve("store").resolve("tmp"))) {
            assertThat(temps).isEmpty();
        }
    }
}
