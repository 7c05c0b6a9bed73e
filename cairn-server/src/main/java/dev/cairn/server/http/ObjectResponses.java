package dev.cairn.server.http;

import dev.cairn.blob.BlobName;
import dev.cairn.protocol.MediaTypes;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.storage.Download;
import dev.cairn.server.storage.ObjectService;
import dev.cairn.server.storage.Tenant;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Sends an object (HEAD or GET, whole or one {@code Range}) for both protocols: streamed from the store, never
 * buffered, with {@code Content-Length}, {@code Accept-Ranges}, {@code Last-Modified} (the object's arrival) and, for
 * ranges, 206 with {@code Content-Range}.
 */
final class ObjectResponses {
    /** RFC 9110 IMF-fixdate: whole seconds, GMT. */
    private static final java.time.format.DateTimeFormatter HTTP_DATE = java.time.format.DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ENGLISH).withZone(java.time.ZoneOffset.UTC);

    /**
     * Bytes per read from the store and write to the connection. {@code InputStream.transferTo} moves 16 KiB at a time:
     * one file read, one copy into Jetty's 32 KiB aggregate buffer and a socket write per 32 KiB; a write larger than
     * that buffer goes to the socket directly (ADR 60).
     */
    static final int COPY_BUFFER = 256 * 1024;

    private ObjectResponses() {
    }

    static void send(Context ctx, ObjectService objects, Tenant tenant, String repo, BlobName name) throws IOException {
        var info = objects.stat(tenant, repo, name);
        long size = info.size();
        if (info.storedAt() != null) {
            ctx.header("Last-Modified", HTTP_DATE.format(info.storedAt()));
        }
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(ctx.header("Range"), size);
        } catch (ServiceException e) {
            ctx.header("Content-Range", "bytes */" + size);
            throw e;
        }
        ctx.header("Accept-Ranges", "bytes").contentType(MediaTypes.OCTET_STREAM);
        long length = range.map(ByteRange::length).orElse(size);
        range.ifPresent(r -> ctx.status(206).header("Content-Range", r.contentRange(size)));
        ctx.res().setContentLengthLong(length);
        if (ctx.method() == HandlerType.HEAD) {
            return;
        }
        try (Download download = objects.read(tenant, repo, name, range.map(ByteRange::offset).orElse(0L),
                range.isPresent() ? length : -1)) {
            OutputStream out = ctx.res().getOutputStream();
            copy(download.content(), out);
            out.flush();
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        int n;
        while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
            out.write(buffer, 0, n);
        }
    }
}
