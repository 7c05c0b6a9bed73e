package dev.cairn.server.storage;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.QuotaExceededException;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.quota.QuotaService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A body of unknown length (chunked transfer) copied to a temp file, so the store gets the exact length it needs.
 * Quota is reserved while copying, in steps, so an upload that crosses the quota is aborted as soon as it does and
 * memory use stays at one buffer. {@link #reserved()} is what the caller must commit or release; {@link #close()}
 * deletes the file. Not thread-safe.
 */
final class Spool implements AutoCloseable {
    private static final long STEP = 8L * 1024 * 1024;
    private final Path file;
    private long length;
    private long reserved;

    private Spool(Path file) {
        this.file = file;
    }

    /**
     * Copies {@code body} into a new file in {@code dir}, reserving quota for {@code accountId} as it goes.
     *
     * @throws QuotaExceededException when the body crosses the quota (the partial reservation is released)
     * @throws ServiceException {@code too-large} past {@code maxBytes}, {@code incomplete-body} if the body breaks
     */
    static Spool copy(InputStream body, SpoolDirectory dir, QuotaService quota, long accountId, long maxBytes)
            throws IOException {
        Spool spool = new Spool(dir.newFile("upload-"));
        try (OutputStream out = Files.newOutputStream(spool.file)) {
            spool.fill(body, out, quota, accountId, maxBytes);
            return spool;
        } catch (IOException | RuntimeException e) {
            quota.release(accountId, spool.reserved);
            spool.close();
            throw e;
        }
    }

    private void fill(InputStream body, OutputStream out, QuotaService quota, long accountId, long maxBytes)
            throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = read(body, buffer)) >= 0) {
            length += n;
            if (length > maxBytes) {
                throw new ServiceException(ErrorCode.TOO_LARGE, "object larger than the server's limit of "
                        + maxBytes + " bytes");
            }
            if (length > reserved) {
                reserveFor(quota, accountId);
            }
            out.write(buffer, 0, n);
        }
    }

    private void reserveFor(QuotaService quota, long accountId) {
        long step = Math.max(STEP, length - reserved);
        try {
            quota.reserve(accountId, step, reserved);
            reserved += step;
        } catch (QuotaExceededException e) {
            quota.reserve(accountId, length - reserved, reserved); // the exact need may still fit; throws if not
            reserved = length;
        }
    }

    private static int read(InputStream body, byte[] buffer) {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            throw new ServiceException(ErrorCode.INCOMPLETE_BODY, "the request body broke off: " + e.getMessage(), e);
        }
    }

    Path file() {
        return file;
    }

    long length() {
        return length;
    }

    long reserved() {
        return reserved;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
