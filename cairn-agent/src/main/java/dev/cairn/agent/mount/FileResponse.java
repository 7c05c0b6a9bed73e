package dev.cairn.agent.mount;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** The answer to GET or HEAD of a file: the whole file (200), one range of it (206), or 416. */
final class FileResponse {
    private final HttpExchange ex;
    private final Resource.File file;
    private final ContentReader content;

    FileResponse(HttpExchange ex, Resource.File file, ContentReader content) {
        this.ex = ex;
        this.file = file;
        this.content = content;
    }

    void send(boolean head) throws IOException {
        FileLayout layout = content.layout(file); // before any header: a damaged file gets a 500, not a short body
        long size = layout.size();
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", Multistatus.contentType(file.name()));
        h.set("Accept-Ranges", "bytes");
        String ifRange = ex.getRequestHeaders().getFirst("If-Range");
        String range = ifRange == null || ifRange.strip().equals(file.etag()) ? ex.getRequestHeaders().getFirst("Range") : null;
        switch (ByteRange.parse(range, size)) {
            case ByteRange.Whole w -> body(head, 200, layout, 0, size);
            case ByteRange.Partial p -> {
                h.set("Content-Range", "bytes " + p.range().first() + "-" + p.range().last() + "/" + size);
                body(head, 206, layout, p.range().first(), p.range().length());
            }
            case ByteRange.Unsatisfiable u -> {
                h.set("Content-Range", "bytes */" + size);
                DavHandler.text(ex, 416, "the range is outside the file's " + size + " bytes");
            }
        }
    }

    private void body(boolean head, int status, FileLayout layout, long offset, long length) throws IOException {
        if (head || length == 0) {
            ex.getResponseHeaders().set("Content-Length", Long.toString(length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, length);
        OutputStream out = ex.getResponseBody();
        content.write(layout, offset, length, out);
        out.flush();
    }
}
