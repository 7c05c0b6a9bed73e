package dev.cairn.engine.pack;

import dev.cairn.blob.FileRegionContent;
import dev.cairn.blob.StagedBlob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A pack in a temporary file, so that building and uploading it costs no heap beyond a {@value #GATHER}-byte buffer. Either
 * a file of its own ({@link #create}), opened with {@code DELETE_ON_CLOSE}: on POSIX systems the JDK unlinks it right after
 * opening, so not even a crash leaves it behind; elsewhere it goes when closed. Or a local store's staged object
 * ({@link #staged}), which the store publishes in place once the pack is named (ADR 71). All I/O goes through the open
 * channel, never through the name.
 */
final class TempFilePackOutput implements PackOutput {
    /** Bytes per write or read call: the JDK copies heap buffers through a per-thread direct buffer of the call's size. */
    static final int SLICE = 256 << 10;
    /**
     * Appends shorter than this are gathered and written {@value #GATHER} bytes at a time: a source tree's blobs are a few
     * KiB each, and one write call per blob cost a system call and a direct-buffer round trip each (ADR 59). Longer ones are
     * written straight from the caller's array (gathering them would only add a copy).
     */
    static final int GATHER = 64 << 10;
    private final Path dir;
    private final FileChannel channel;
    /** The local store's object this file is, or null for a file of its own. */
    private final StagedBlob staged;
    private final byte[] gathered = new byte[GATHER];
    private int gatheredLength;

    private TempFilePackOutput(Path dir, FileChannel channel, StagedBlob staged) {
        this.dir = dir;
        this.channel = channel;
        this.staged = staged;
    }

    /** Writes into {@code staged} (which this output then owns and closes); {@code dir} is where it lives, for errors. */
    static TempFilePackOutput staged(StagedBlob staged, Path dir) {
        return new TempFilePackOutput(dir, staged.channel(), staged);
    }

    /**
     * Creates the file in {@code dir} (created if missing).
     *
     * @throws IOException naming the directory if the file cannot be created
     */
    static TempFilePackOutput create(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
            Path file = Files.createTempFile(dir, "pack-", ".tmp");
            try {
                return new TempFilePackOutput(dir, FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        StandardOpenOption.DELETE_ON_CLOSE), null);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        } catch (IOException e) {
            throw failure("creating a temporary pack file in", dir, e);
        }
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
        boolean gather = len < GATHER / 4;
        if (!gather || gatheredLength + len > GATHER) {
            flushGathered(); // the file gets the bytes in the order they came
        }
        if (gather) {
            System.arraycopy(bytes, off, gathered, gatheredLength, len);
            gatheredLength += len;
        } else {
            writeThrough(bytes, off, len);
        }
    }

    private void flushGathered() throws IOException {
        int n = gatheredLength;
        gatheredLength = 0;
        writeThrough(gathered, 0, n);
    }

    private void writeThrough(byte[] bytes, int off, int len) throws IOException {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes, off, len);
            while (b.hasRemaining()) {
                b.limit(Math.min(off + len, b.position() + SLICE));
                channel.write(b);
                b.limit(off + len);
            }
        } catch (IOException e) {
            throw failure("writing a temporary pack file in", dir, e);
        }
    }

    @Override
    public InputStream read(long length) throws IOException {
        flushGathered();
        return new ChannelInputStream(channel, length);
    }

    @Override
    public StagedBlob staged() throws IOException {
        if (staged != null) {
            flushGathered();
        }
        return staged;
    }

    @Override
    public void close() throws IOException {
        if (staged != null) {
            staged.close();
        } else {
            channel.close();
        }
    }

    /** Keeps the cause's message (e.g. "No space left on device") and says that nothing was stored. */
    private static IOException failure(String action, Path dir, IOException e) {
        return new IOException(action + " " + dir + " failed: " + e.getMessage()
                + " (nothing was stored; free some space there, or for a remote repository set TMPDIR to a roomier "
                + "directory)", e);
    }

    /**
     * Positional reads of the first {@code length} bytes of a channel; mark/reset move the position. A local store copies it
     * file to file in the kernel ({@link FileRegionContent}). Not thread-safe.
     */
    private static final class ChannelInputStream extends InputStream implements FileRegionContent {
        private final FileChannel channel;
        private final long length;
        private long position;
        private long mark;

        ChannelInputStream(FileChannel channel, long length) {
            this.channel = channel;
            this.length = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (position >= length) {
                return -1;
            }
            int want = (int) Math.min(Math.min(len, SLICE), length - position);
            int n = channel.read(ByteBuffer.wrap(b, off, want), position);
            if (n < 0) {
                throw new java.io.EOFException("temporary pack file ended at " + position + " of " + length + " bytes");
            }
            position += n;
            return n;
        }

        @Override
        public void copyTo(FileChannel target, long count) throws IOException {
            if (count > length - position) {
                throw new java.io.EOFException("temporary pack file has " + (length - position) + " bytes left, not " + count);
            }
            long end = position + count;
            while (position < end) {
                long n = channel.transferTo(position, end - position, target);
                if (n <= 0) {
                    throw new java.io.EOFException("temporary pack file ended at " + position + " of " + length + " bytes");
                }
                position += n;
            }
        }

        @Override
        public long skip(long n) {
            long k = Math.max(0, Math.min(n, length - position));
            position += k;
            return k;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, length - position);
        }

        @Override
        public boolean markSupported() {
            return true;
        }

        @Override
        public synchronized void mark(int readLimit) {
            mark = position;
        }

        @Override
        public synchronized void reset() {
            position = mark;
        }
    }
}
