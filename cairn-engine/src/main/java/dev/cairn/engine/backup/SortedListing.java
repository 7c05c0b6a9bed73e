package dev.cairn.engine.backup;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The entries of one directory in name order ({@link String#compareTo} of the names, the order of a tree's nodes), in
 * bounded memory: up to {@value #IN_MEMORY} entries are kept and sorted as paths; a larger directory is sorted in chunks
 * of that many names, spilled to one temporary file (unlinked as soon as it is opened, so nothing is left behind), and
 * merged while it is read. Not thread-safe; close it to release the file.
 */
final class SortedListing implements AutoCloseable {
    static final int IN_MEMORY = 16_384;
    private static final int READ_BUFFER = 32 << 10;
    private final Path dir;
    private final List<Path> small;
    private int next;
    private final FileChannel spill;
    private final PriorityQueue<Chunk> chunks;

    private SortedListing(Path dir, List<Path> small, FileChannel spill, PriorityQueue<Chunk> chunks) {
        this.dir = dir;
        this.small = small;
        this.spill = spill;
        this.chunks = chunks;
    }

    /**
     * Lists {@code dir}; names that do not fit in memory go to a temporary file in {@code scratch}.
     *
     * @throws IOException if the directory cannot be listed or the temporary file written
     */
    static SortedListing of(Path dir, Path scratch) throws IOException {
        return of(dir, scratch, IN_MEMORY);
    }

    /** As {@link #of(Path, Path)}, keeping at most {@code inMemory} entries in the heap. */
    static SortedListing of(Path dir, Path scratch, int inMemory) throws IOException {
        List<Path> batch = new ArrayList<>();
        FileChannel spill = null;
        List<long[]> spans = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                batch.add(p);
                if (batch.size() == inMemory) {
                    spill = spill == null ? open(scratch) : spill;
                    spans.add(writeChunk(spill, batch));
                    batch.clear();
                }
            }
            if (spill == null) {
                return new SortedListing(dir, byName(batch), null, null);
            }
            if (!batch.isEmpty()) {
                spans.add(writeChunk(spill, batch));
            }
            PriorityQueue<Chunk> chunks = new PriorityQueue<>();
            for (long[] span : spans) {
                Chunk c = new Chunk(spill, span[0], span[1]);
                if (c.advance()) {
                    chunks.add(c);
                }
            }
            return new SortedListing(dir, null, spill, chunks);
        } catch (IOException | RuntimeException e) {
            if (spill != null) {
                spill.close();
            }
            throw e;
        }
    }

    /** The paths sorted by file name, each name computed once. */
    private static List<Path> byName(List<Path> paths) {
        record Named(String name, Path path) {
        }
        List<Named> named = new ArrayList<>(paths.size());
        paths.forEach(p -> named.add(new Named(p.getFileName().toString(), p)));
        named.sort(Comparator.comparing(Named::name));
        List<Path> out = new ArrayList<>(named.size());
        named.forEach(n -> out.add(n.path()));
        return out;
    }

    private static FileChannel open(Path scratch) throws IOException {
        Files.createDirectories(scratch);
        Path file = Files.createTempFile(scratch, "cairn-names-", ".tmp");
        try {
            return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Appends the sorted names of {@code batch} (length-prefixed UTF-8); returns {start, end} in the file. */
    private static long[] writeChunk(FileChannel spill, List<Path> batch) throws IOException {
        List<String> names = new ArrayList<>(batch.size());
        batch.forEach(p -> names.add(p.getFileName().toString()));
        names.sort(null);
        long start = spill.size();
        ByteBuffer buf = ByteBuffer.allocate(64 << 10);
        long at = start;
        for (String name : names) {
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            if (buf.remaining() < 4 + utf8.length) {
                at += flush(spill, buf, at);
            }
            if (buf.remaining() < 4 + utf8.length) {
                buf = ByteBuffer.allocate(4 + utf8.length);
            }
            buf.putInt(utf8.length).put(utf8);
        }
        at += flush(spill, buf, at);
        return new long[] {start, at};
    }

    private static int flush(FileChannel ch, ByteBuffer buf, long at) throws IOException {
        buf.flip();
        int n = buf.remaining();
        while (buf.hasRemaining()) {
            ch.write(buf, at + buf.position());
        }
        buf.clear();
        return n;
    }

    /** The next entry, or null at the end. */
    Path next() throws IOException {
        if (small != null) {
            return next < small.size() ? small.get(next++) : null;
        }
        Chunk c = chunks.poll();
        if (c == null) {
            return null;
        }
        Path p = dir.resolve(c.name);
        if (c.advance()) {
            chunks.add(c);
        }
        return p;
    }

    @Override
    public void close() throws IOException {
        if (spill != null) {
            spill.close();
        }
    }

    /** One sorted chunk of the spill file, read through a small buffer. */
    private static final class Chunk implements Comparable<Chunk> {
        private final FileChannel file;
        private long position;
        private final long end;
        private final ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
        String name;

        Chunk(FileChannel file, long start, long end) {
            this.file = file;
            this.position = start;
            this.end = end;
            buffer.flip();
        }

        /** Reads the next name; false at the end of the chunk. */
        boolean advance() throws IOException {
            if (!buffer.hasRemaining() && position >= end) {
                return false;
            }
            int length = ByteBuffer.wrap(read(4)).getInt();
            name = new String(read(length), StandardCharsets.UTF_8);
            return true;
        }

        private byte[] read(int n) throws IOException {
            byte[] out = new byte[n];
            int got = 0;
            while (got < n) {
                if (!buffer.hasRemaining()) {
                    fill();
                }
                int k = Math.min(n - got, buffer.remaining());
                buffer.get(out, got, k);
                got += k;
            }
            return out;
        }

        private void fill() throws IOException {
            if (position >= end) {
                throw new EOFException("temporary name list truncated");
            }
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), end - position));
            while (buffer.hasRemaining()) {
                if (file.read(buffer, position + buffer.position()) < 0) {
                    throw new EOFException("temporary name list truncated");
                }
            }
            position += buffer.limit();
            buffer.flip();
        }

        @Override
        public int compareTo(Chunk o) {
            return name.compareTo(o.name);
        }
    }
}
