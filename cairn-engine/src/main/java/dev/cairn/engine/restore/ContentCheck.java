package dev.cairn.engine.restore;

import dev.cairn.engine.format.BlobCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Compares a file on disk with a {@link Layout}, chunk by chunk: each slice of a blob's plaintext length must hash (with the
 * repository's keyed id hash) to that blob's id, and the file must end where the last blob ends. Stateless; each thread
 * reuses its own read buffer.
 */
final class ContentCheck {
    /** Result of a file as long as the layout with every chunk matching. */
    static final int MATCH = -1;
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[1 << 16]);

    private ContentCheck() {
    }

    /**
     * Index of the first blob whose slice of the file differs (or is cut short), {@code layout.count()} if the file is longer
     * than the layout, or {@link #MATCH}. Does not follow a symlink at {@code file}.
     *
     * @throws IOException if the file cannot be opened or read
     */
    static int firstMismatch(BlobCodec codec, Path file, Layout layout) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            for (int i = 0; i < layout.count(); i++) {
                int len = layout.locations()[i].rawLength();
                byte[] buf = buffer(len);
                if (!readFully(ch, buf, len, layout.offsets()[i]) || !codec.id(buf, 0, len).equals(layout.ids()[i])) {
                    return i;
                }
            }
            return ch.size() == layout.size() ? MATCH : layout.count();
        }
    }

    /**
     * Checks a restored file.
     *
     * @throws RestoreMismatchException naming the first differing byte range
     */
    static void verify(BlobCodec codec, Path file, Layout layout, String snapshotPath) throws IOException {
        int i = firstMismatch(codec, file, layout);
        if (i == MATCH) {
            return;
        }
        if (i == layout.count()) {
            throw new RestoreMismatchException(snapshotPath + ": the restored file is longer than the " + layout.size()
                    + " bytes in the snapshot; restore it again");
        }
        long from = layout.offsets()[i];
        long to = from + layout.locations()[i].rawLength();
        throw new RestoreMismatchException(snapshotPath + ": the restored file differs from the snapshot in bytes " + from + "-"
                + to + " (blob " + (i + 1) + " of " + layout.count() + "); restore it again");
    }

    private static byte[] buffer(int len) {
        byte[] buf = BUFFER.get();
        if (buf.length < len) {
            buf = new byte[len];
            BUFFER.set(buf);
        }
        return buf;
    }

    private static boolean readFully(FileChannel ch, byte[] buf, int len, long position) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
        long pos = position;
        while (bb.hasRemaining()) {
            int n = ch.read(bb, pos);
            if (n < 0) {
                return false;
            }
            pos += n;
        }
        return true;
    }
}
