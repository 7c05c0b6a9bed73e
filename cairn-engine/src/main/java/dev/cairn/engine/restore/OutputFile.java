package dev.cairn.engine.restore;

import dev.cairn.engine.snapshot.Node;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * A restored file open for writing: created exclusively (never through a symlink), written at offsets, sized, given its
 * metadata while still open where the platform allows it, and closed. {@link #create} chooses the native calls of
 * {@link NativeFiles} when they are available, else NIO. Not thread-safe except {@link #write}, which workers call
 * concurrently at different offsets.
 */
interface OutputFile {
    /** Writes {@code data[0, length)} at {@code position}. */
    void write(byte[] data, int length, long position) throws IOException;

    /** Makes the file {@code size} bytes long (bytes never written read as zeros). */
    void size(long size) throws IOException;

    /**
     * Applies owner (if {@code owner}), mode and modification time through the open file; returns false if this
     * implementation cannot, and the caller applies them by path after {@link #close()}.
     */
    boolean applyMetadata(Node node, boolean owner) throws IOException;

    void close() throws IOException;

    /** Closes after a failure; a further failure is ignored. */
    void closeQuietly();

    /** Creates {@code path} exclusively with owner-only permissions. */
    static OutputFile create(Path path) throws IOException {
        var nativeFiles = NativeFiles.instance();
        if (nativeFiles.isPresent()) {
            return new Native(nativeFiles.get(), path, nativeFiles.get().create(path));
        }
        return new Nio(FileChannel.open(path, Nio.CREATE, Metadata.privateAttributes(false)));
    }

    /** A file descriptor of {@link NativeFiles}. */
    record Native(NativeFiles calls, Path path, int fd) implements OutputFile {
        @Override
        public void write(byte[] data, int length, long position) throws IOException {
            calls.write(fd, path, data, 0, length, position);
        }

        @Override
        public void size(long size) throws IOException {
            calls.truncate(fd, path, size);
        }

        @Override
        public boolean applyMetadata(Node node, boolean owner) throws IOException {
            calls.applyMetadata(fd, path, node, owner);
            return true;
        }

        @Override
        public void close() throws IOException {
            calls.close(fd, path);
        }

        @Override
        public void closeQuietly() {
            calls.closeQuietly(fd);
        }
    }

    /** A {@link FileChannel}. */
    record Nio(FileChannel channel) implements OutputFile {
        static final Set<StandardOpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        /**
         * Largest single write: the JDK copies a heap buffer through a per-thread direct buffer as large as the write and
         * keeps it, so writing whole 4 MiB chunks would pin that much native memory per worker.
         */
        private static final int WRITE_SLICE = 256 << 10;

        @Override
        public void write(byte[] data, int length, long position) throws IOException {
            int done = 0;
            while (done < length) {
                ByteBuffer slice = ByteBuffer.wrap(data, done, Math.min(WRITE_SLICE, length - done));
                while (slice.hasRemaining()) {
                    done += channel.write(slice, position + done);
                }
            }
        }

        @Override
        public void size(long size) throws IOException {
            if (size > channel.size()) {
                channel.write(ByteBuffer.allocate(1), size - 1);
            }
        }

        @Override
        public boolean applyMetadata(Node node, boolean owner) {
            return false;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }

        @Override
        public void closeQuietly() {
            try {
                channel.close();
            } catch (IOException e) {
                // the file already failed
            }
        }
    }
}
