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
import java.util.List;

/**
 * Reads one file, cuts it into chunks and saves each as a data blob. One reusable buffer per thread of 1.5 times the maximum
 * chunk size, refilled only when a chunk needs more bytes than it holds; each chunk is sealed straight from it by the write
 * session. Thread-safe (state is per thread).
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

    /**
     * Reads {@code file} to its end and saves its chunks. {@code expectedSize} is the size its stat gave: once that many
     * bytes are read and a read came back short, the file is taken to end there without a further read that would return
     * end-of-file (one system call per file less); a file that grew meanwhile is read on to its end, one that shrank ends
     * where the reads end, so it is stored as read either way.
     */
    Saved save(Path file, long expectedSize) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Reader in = new Reader(ch, buffers.get(), expectedSize);
            List<String> ids = new ArrayList<>();
            long total = 0;
            int fresh = 0;
            while (in.more()) {
                int len = in.nextChunk();
                WriteSession.Saved saved = save(in.buf, in.start, len);
                ids.add(saved.id().hex());
                fresh += saved.added() ? 1 : 0;
                total += len;
                in.start += len;
            }
            return new Saved(ids, total, fresh);
        }
    }

    /**
     * The bytes of one file in this thread's buffer: {@code buf[start, end)} is read and not yet saved. The buffer is refilled
     * only when the chunker cannot place a cut in what it holds (no cut before its end while fewer than the maximum chunk
     * size are held and the file goes on); only that unfinished chunk is moved to the front. Cuts are the same as with
     * the whole file in memory: a cut found before the end of the held bytes depends on no byte after it, and a chunk
     * that reaches the end is cut again once the maximum size or the end of the file is held.
     */
    private final class Reader {
        private final FileChannel ch;
        final byte[] buf;
        private final long expectedSize;
        private long readSoFar;
        int start;
        private int end;
        private boolean eof;

        Reader(FileChannel ch, byte[] buf, long expectedSize) {
            this.ch = ch;
            this.buf = buf;
            this.expectedSize = expectedSize;
        }

        /** Whether bytes are left to save (reads when the buffer is used up). */
        boolean more() throws IOException {
            if (start == end && !eof) {
                start = end = 0;
                refill();
            }
            return start < end;
        }

        /** The length of the next chunk at {@code start}, reading more of the file first if the chunk may go on. */
        int nextChunk() throws IOException {
            while (true) {
                int held = end - start;
                int len = chunker.nextChunkLength(buf, start, held);
                if (len < held || eof || held >= maxChunk) {
                    return len;
                }
                System.arraycopy(buf, start, buf, 0, held);
                start = 0;
                end = held;
                refill();
            }
        }

        /** Reads until the buffer is full or the file has ended. */
        private void refill() throws IOException {
            ByteBuffer bb = ByteBuffer.wrap(buf, end, buf.length - end);
            int from = end;
            while (bb.hasRemaining()) {
                int want = Math.min(bb.remaining(), READ_SLICE);
                bb.limit(bb.position() + want);
                int n = ch.read(bb);
                bb.limit(buf.length);
                if (n < 0) {
                    eof = true;
                    break;
                }
                readSoFar += n;
                if (n < want && readSoFar == expectedSize) {
                    eof = true; // a short read at the size the stat gave: the end, without one more read to confirm it
                    break;
                }
            }
            end = bb.position();
            listener.bytesRead(end - from);
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
}
