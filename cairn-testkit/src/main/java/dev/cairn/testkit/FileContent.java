package dev.cairn.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The content of a {@link TreeFile}, described rather than held, so large files cost no memory: literal bytes, seeded
 * random bytes, or a sparse file (zeros with a few seeded random regions, written with holes). Immutable values with
 * value equality.
 */
public sealed interface FileContent permits FileContent.Bytes, FileContent.Random, FileContent.Sparse {

    /** The file size in bytes. */
    long size();

    /** Creates {@code file} (which must not exist) with this content. */
    void writeNew(Path file) throws IOException;

    /** Literal bytes (copied in; equality compares the bytes). */
    record Bytes(byte[] bytes) implements FileContent {
        public Bytes {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public void writeNew(Path file) throws IOException {
            Files.write(file, bytes, StandardOpenOption.CREATE_NEW);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Bytes[" + bytes.length + " bytes " + Hashing.sha256(bytes).substring(0, 12) + "]";
        }
    }

    /** {@code size} bytes of {@link DeterministicRandom#stream(long, long)} from {@code seed}. */
    record Random(long seed, long size) implements FileContent {
        public Random {
            if (size < 0) {
                throw new IllegalArgumentException("size " + size + " must be >= 0");
            }
        }

        @Override
        public void writeNew(Path file) throws IOException {
            try (InputStream in = DeterministicRandom.stream(seed, size)) {
                Files.copy(in, file);
            }
        }
    }

    /**
     * A file of {@code size} bytes that is zero except for {@code regions}; the zeros are holes, so a multi-GiB file takes
     * only the disk space of its regions (on file systems with sparse files).
     */
    record Sparse(long size, List<Region> regions) implements FileContent {
        public Sparse {
            regions = List.copyOf(regions);
            long end = 0;
            for (Region r : regions) {
                if (r.offset() < end || r.offset() + r.length() > size) {
                    throw new IllegalArgumentException("regions must be sorted, disjoint and within " + size + " bytes: "
                            + regions);
                }
                end = r.offset() + r.length();
            }
        }

        @Override
        public void writeNew(Path file) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.SPARSE)) {
                for (Region region : regions) {
                    region.writeTo(channel);
                }
                long end = regions.isEmpty() ? 0 : regions.getLast().offset() + regions.getLast().length();
                if (size > end) {
                    channel.write(ByteBuffer.wrap(new byte[1]), size - 1); // extends the file with a hole
                }
            }
        }
    }

    /** {@code length} random bytes from {@code seed} at {@code offset} of a sparse file. */
    record Region(long offset, int length, long seed) {
        public Region {
            if (offset < 0 || length <= 0) {
                throw new IllegalArgumentException("region offset " + offset + " and length " + length + " must be >= 0 / > 0");
            }
        }

        void writeTo(FileChannel channel) throws IOException {
            DeterministicRandom random = new DeterministicRandom(seed);
            byte[] buffer = new byte[Math.min(length, 64 * 1024)];
            for (int done = 0; done < length; ) {
                int n = Math.min(buffer.length, length - done);
                random.nextBytes(buffer, 0, n);
                ByteBuffer slice = ByteBuffer.wrap(buffer, 0, n);
                while (slice.hasRemaining()) {
                    channel.write(slice, offset + done + (n - slice.remaining()));
                }
                done += n;
            }
        }

        @Override
        public String toString() {
            return "Region[" + offset + "+" + length + " seed " + HexFormat.of().toHexDigits(seed) + "]";
        }
    }
}
