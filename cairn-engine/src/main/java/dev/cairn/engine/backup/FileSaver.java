package dev.cairn.engine.backup;

import dev.cairn.engine.chunk.Chunker;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.repo.WriteSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one file, cuts it into chunks and saves each as a data blob. One reusable buffer per thread of 1.5 times the maximum
 * chunk size; each chunk is sealed straight from it by the write session. Thread-safe (state is per thread).
 */
final class FileSaver {
    /** Bytes per read call: the JDK copies heap reads through a per-thread direct buffer of the request's size. */
    private static final int READ_SLICE = 256 << 10;
    private final Chunker chunker;
    private final WriteSession session;
    private final BackupListener listener;
    private final int maxChunk;
    private final ThreadLocal<byte[]> buffers;

    FileSaver(Chunker chunker, WriteSession session, BackupListener listener) {
        this.chunker = chunker;
        this.session = session;
        this.listener = listener;
        this.maxChunk = chunker.spec().maxSize();
        this.buffers = ThreadLocal.withInitial(() -> new byte[maxChunk + (maxChunk >> 1)]);
    }

    /** What saving a file produced: its blob ids in order, its size as read, and how many blobs were new. */
    record Saved(List<String> content, long size, int newBlobs) {
    }

    Saved save(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] buf = buffers.get();
            List<String> ids = new ArrayList<>();
            long total = 0;
            int fresh = 0;
            int start = 0;
            int end = 0;
            boolean eof = false;
            while (true) {
                if (!eof && end - start < maxChunk) {
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    start = 0;
                    int n = fill(ch, buf, end);
                    eof = end + n < buf.length;
                    end += n;
                    listener.bytesRead(n);
                }
                if (start == end) {
                    break;
                }
                int len = chunker.nextChunkLength(buf, start, end - start);
                WriteSession.Saved saved = save(buf, start, len);
                ids.add(saved.id().hex());
                fresh += saved.added() ? 1 : 0;
                total += len;
                start += len;
            }
            return new Saved(ids, total, fresh);
        }
    }

    private WriteSession.Saved save(byte[] buf, int off, int len) {
        try {
            return session.saveBlob(BlobType.DATA, buf, off, len);
        } catch (IOException e) {
            throw new RepositoryWriteFailure(e);
        }
    }

    /** A failure of the repository side (not of the file being read): it aborts the backup instead of skipping the file. */
    static final class RepositoryWriteFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RepositoryWriteFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }

        IOException io() {
            return (IOException) getCause();
        }
    }

    /** Reads until the buffer is full or the file ends; returns bytes read. */
    private static int fill(FileChannel ch, byte[] buf, int from) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf, from, buf.length - from);
        while (bb.hasRemaining()) {
            bb.limit(Math.min(buf.length, bb.position() + READ_SLICE));
            if (ch.read(bb) < 0) {
                break;
            }
            bb.limit(buf.length);
        }
        return bb.position() - from;
    }
}
