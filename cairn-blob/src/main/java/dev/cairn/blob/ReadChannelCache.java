package dev.cairn.blob;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small LRU of read-only file channels for ranged reads. Restore and check read many small ranges of the same packs;
 * opening and closing the file for each range cost more system time than the reads. Safe because stored objects never
 * change; a deleted object's channel is dropped by {@link #evict}. Thread-safe; positional reads share a channel.
 */
final class ReadChannelCache implements AutoCloseable {
    static final int SLICE = 256 << 10;
    private final int capacity;
    private final Map<Path, FileChannel> channels;

    ReadChannelCache(int capacity) {
        this.capacity = capacity;
        this.channels = new LinkedHashMap<>(capacity * 2, 0.75f, true);
    }

    /**
     * Reads exactly {@code length} bytes at {@code offset} into {@code dst[dstOffset, dstOffset + length)}, in slices of at
     * most {@value #SLICE} bytes: the JDK copies heap buffers through a per-thread direct buffer as large as each read and
     * keeps it, so whole-run reads would pin megabytes of native memory per thread.
     *
     * @throws EOFException if the range ends past the end of the file
     */
    void readInto(Path path, long offset, byte[] dst, int dstOffset, int length) throws IOException {
        FileChannel channel = channel(path);
        if (offset + length > channel.size()) {
            throw new EOFException(path.getFileName() + ": range " + offset + "+" + length + " ends past the end (" + channel.size() + " bytes)");
        }
        int done = 0;
        while (done < length) {
            ByteBuffer slice = ByteBuffer.wrap(dst, dstOffset + done, Math.min(SLICE, length - done));
            int n = channel.read(slice, offset + done);
            if (n < 0) {
                throw new EOFException(path.getFileName() + ": ended early at " + (offset + done));
            }
            done += n;
        }
    }

    private FileChannel channel(Path path) throws IOException {
        synchronized (channels) {
            FileChannel open = channels.get(path);
            if (open != null && open.isOpen()) {
                return open;
            }
        }
        FileChannel fresh = FileChannel.open(path, StandardOpenOption.READ);
        synchronized (channels) {
            FileChannel raced = channels.putIfAbsent(path, fresh);
            if (raced != null && raced.isOpen()) {
                fresh.close();
                return raced;
            }
            channels.put(path, fresh);
            if (channels.size() > capacity) {
                var eldest = channels.entrySet().iterator();
                closeQuietly(eldest.next().getValue());
                eldest.remove();
            }
            return fresh;
        }
    }

    void evict(Path path) {
        synchronized (channels) {
            closeQuietly(channels.remove(path));
        }
    }

    @Override
    public void close() {
        synchronized (channels) {
            channels.values().forEach(ReadChannelCache::closeQuietly);
            channels.clear();
        }
    }

    private static void closeQuietly(FileChannel c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (IOException e) {
            // read-only channel: nothing to lose
        }
    }
}
