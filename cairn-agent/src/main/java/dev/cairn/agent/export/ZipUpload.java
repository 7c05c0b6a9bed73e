package dev.cairn.agent.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Files of a copy zipped on the fly into a request body (ADR 37): a thread deflates them into a short queue of chunks
 * that the HTTP client sends as they come, so zipping, sending and the server's unpacking overlap and nothing is
 * written to disk. Text is deflated (level 1); files under {@code attachments/} are stored as they are (they are
 * mostly compressed already, and deflating random bytes costs time for nothing). A file that cannot be read fails the
 * upload with that error ({@link #failure}). Each {@link #publisher} call zips anew.
 */
final class ZipUpload {
    private static final int CHUNK = 1 << 18;
    private final Path dir;
    private final List<Path> files;
    private volatile IOException failure;

    /** @param files the files to send, under {@code dir}, named in the ZIP by their path relative to it */
    ZipUpload(Path dir, List<Path> files) {
        this.dir = dir;
        this.files = List.copyOf(files);
    }

    /** The last zipping's error, if it failed (the upload then failed too). */
    IOException failure() {
        return failure;
    }

    /** A body that zips the files while it is sent. */
    HttpRequest.BodyPublisher publisher() {
        return HttpRequest.BodyPublishers.ofInputStream(() -> {
            Chunks chunks = new Chunks();
            Thread.ofPlatform().daemon().name("restore-zip").start(() -> write(chunks));
            return chunks.input();
        });
    }

    private void write(Chunks chunks) {
        try {
            ZipOutputStream z = new ZipOutputStream(chunks.output(), java.nio.charset.StandardCharsets.UTF_8);
            z.setLevel(1);
            for (Path f : files) {
                String name = dir.relativize(f).toString().replace('\\', '/');
                z.setMethod(name.startsWith("attachments/") ? ZipOutputStream.STORED : ZipOutputStream.DEFLATED);
                z.putNextEntry(stored(name, f, name.startsWith("attachments/")));
                Files.copy(f, z);
                z.closeEntry();
            }
            z.close();
        } catch (IOException e) {
            failure = e;
            chunks.fail(e);
        } catch (RuntimeException e) {
            failure = new IOException(e.getMessage(), e);
            chunks.fail(failure);
        }
    }

    /** A ZIP entry; a stored one needs its size and CRC-32 first (one more read of the file, from the page cache). */
    private static ZipEntry stored(String name, Path f, boolean store) throws IOException {
        ZipEntry e = new ZipEntry(name);
        if (store) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            long size = 0;
            byte[] buf = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(f)) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    crc.update(buf, 0, n);
                    size += n;
                }
            }
            e.setMethod(ZipEntry.STORED);
            e.setSize(size);
            e.setCompressedSize(size);
            e.setCrc(crc.getValue());
        }
        return e;
    }

    /** A one-way pipe of byte chunks between the zipping thread and the sender, a few chunks deep. */
    private static final class Chunks {
        private static final byte[] END = new byte[0];
        private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(8);
        private volatile IOException failure;
        private volatile boolean abandoned;

        void fail(IOException e) {
            failure = e;
            try {
                put(END);
            } catch (IOException sendingEnded) {
                // nobody reads any more: nothing to tell
            }
        }

        /** Queues a chunk; fails once the sender stopped reading (the request ended), so zipping stops too. */
        private void put(byte[] chunk) throws IOException {
            try {
                while (!queue.offer(chunk, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    if (abandoned) {
                        throw new IOException("the upload ended before the copy was zipped");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while zipping the copy");
            }
        }

        OutputStream output() {
            return new OutputStream() {
                private byte[] buf = new byte[CHUNK];
                private int n;

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    while (len > 0) {
                        int k = Math.min(len, buf.length - n);
                        System.arraycopy(b, off, buf, n, k);
                        n += k;
                        off += k;
                        len -= k;
                        if (n == buf.length) {
                            flush();
                        }
                    }
                }

                @Override
                public void flush() throws IOException {
                    if (n > 0) {
                        put(java.util.Arrays.copyOf(buf, n));
                        n = 0;
                    }
                }

                @Override
                public void close() throws IOException {
                    flush();
                    put(END);
                }
            };
        }

        InputStream input() {
            return new InputStream() {
                private byte[] chunk = new byte[0];
                private int at;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    while (at == chunk.length) {
                        if (chunk == END) {
                            return -1;
                        }
                        try {
                            chunk = queue.take();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new java.io.InterruptedIOException("interrupted while zipping the copy");
                        }
                        at = 0;
                        if (chunk == END && failure != null) {
                            throw new IOException("cannot zip the copy: " + failure.getMessage(), failure);
                        }
                    }
                    int k = Math.min(len, chunk.length - at);
                    System.arraycopy(chunk, at, b, off, k);
                    at += k;
                    return k;
                }

                @Override
                public void close() {
                    abandoned = true;
                    queue.clear();
                }
            };
        }
    }
}
