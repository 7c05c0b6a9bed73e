package dev.cairn.workspace.http;

import dev.cairn.workspace.files.AttachmentService;
import dev.cairn.workspace.files.Disposition;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * {@code POST /api/v1/workspace/attachments} (the body is the file; {@code ?name=} its name, {@code Content-Type} its
 * declared type; 201 with the upload's description) and {@code GET /api/v1/workspace/attachments/{id}} (the bytes, as
 * a download). A record's attachment field then names the upload: {@code {"id": "..."}}.
 */
public final class AttachmentHandlers {
    /** The uploads of the workspace. */
    static final String PATH = dev.cairn.protocol.ApiPaths.WORKSPACE + "/attachments";
    private final AttachmentService attachments;

    AttachmentHandlers(AttachmentService attachments) {
        this.attachments = attachments;
    }

    void upload(Context ctx) throws IOException {
        String name = ctx.queryParam("name");
        WorkspaceHandlers.write(ctx, 201, attachments.upload(WorkspaceCalls.caller(ctx), name == null ? "file" : name,
                ctx.contentType(), ctx.bodyInputStream(), ctx.req().getContentLengthLong()));
    }

    void download(Context ctx) throws IOException {
        send(ctx, attachments.open(WorkspaceCalls.caller(ctx), ctx.pathParam("id")));
    }

    /**
     * Streams a download: its recorded type, its length, {@code attachment} disposition with the name made safe,
     * {@code nosniff}, and no caching by shared caches.
     */
    public static void send(Context ctx, AttachmentService.Download d) {
        ctx.status(200).contentType(d.attachment().contentType())
                .header("Content-Disposition", Disposition.attachment(d.attachment().name()))
                .header("Content-Length", Long.toString(d.attachment().bytes()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store")
                .header("Content-Security-Policy", "default-src 'none'; sandbox");
        ctx.result(d.content());
    }
}
