package dev.cairn.export.http;

import dev.cairn.export.http.ExportViews.ExportView;
import dev.cairn.export.http.ExportViews.KeyView;
import dev.cairn.export.http.ExportViews.RecipientView;
import dev.cairn.export.service.Export;
import dev.cairn.export.schedule.ExportMode;
import dev.cairn.export.service.ExportModule;
import dev.cairn.export.service.ExportRequest;
import dev.cairn.export.service.ExportService;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.MediaTypes;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.http.ByteRange;
import dev.cairn.server.http.Json;
import dev.cairn.workspace.members.Caller;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The export API's handlers: JSON in and out, and the bundle download with one {@code Range}. Thread-safe. */
public final class ExportHandlers {
    private final ExportModule module;

    public ExportHandlers(ExportModule module) {
        this.module = module;
    }

    record NewRecipient(String name, String recipient) {
    }

    /**
     * The body of {@code POST /exports}: formats (none: all), history (default true), mode (default full), withSoftware
     * (default false).
     */
    record NewExport(List<String> formats, Boolean history, String mode, Boolean withSoftware) {
        ExportRequest request() {
            ExportMode m = ExportMode.of(mode).orElseThrow(() -> new ServiceException(ErrorCode.VALIDATION_FAILED,
                    ExportMode.problem(mode)));
            return new ExportRequest(formats, history == null || history, m, withSoftware != null && withSoftware);
        }
    }

    void signingKey(Context ctx) {
        Json.write(ctx, 200, KeyView.of(module.key()));
    }

    void listRecipients(Context ctx) {
        Caller c = ExportAccess.caller(ctx);
        Json.write(ctx, 200, Map.of("recipients", module.recipients().list(c.workspaceId()).stream()
                .map(RecipientView::of).toList()));
    }

    void addRecipient(Context ctx) {
        Caller c = ExportAccess.caller(ctx);
        NewRecipient body = Json.read(ctx, NewRecipient.class);
        Json.write(ctx, 201, RecipientView.of(module.recipients().add(c.workspaceId(), body.name(), body.recipient(),
                c.accountName())));
    }

    void removeRecipient(Context ctx) {
        module.recipients().remove(ExportAccess.caller(ctx).workspaceId(), id(ctx));
        ctx.status(204);
    }

    void listExports(Context ctx) {
        Caller c = ExportAccess.caller(ctx);
        Json.write(ctx, 200, Map.of("exports", module.exports().list(c.workspaceId()).stream()
                .map(ExportView::of).toList()));
    }

    void startExport(Context ctx) {
        Caller c = ExportAccess.caller(ctx);
        // no body at all: every format
        NewExport body = ctx.contentType() == null ? new NewExport(List.of(), null, null, null)
                : Json.read(ctx, NewExport.class);
        Export e = module.exports().start(c.workspaceId(), body.request(), c.accountName());
        ctx.header("Location", ExportApi.EXPORTS + "/" + e.id());
        Json.write(ctx, 202, ExportView.of(e));
    }

    public void deleteExport(Context ctx) throws IOException {
        module.exports().delete(module.exports().get(ExportAccess.caller(ctx).workspaceId(), id(ctx)));
        ctx.status(204);
    }

    /** The encrypted bundle, whole or one range (206, or 416 with {@code Content-Range: bytes *}{@code /size}). */
    public void download(Context ctx) throws IOException {
        Export e = module.exports().get(ExportAccess.caller(ctx).workspaceId(), id(ctx));
        ExportService.requireDone(e);
        long size = e.bytes();
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(ctx.header("Range"), size);
        } catch (ServiceException refused) {
            ctx.header("Content-Range", "bytes */" + size);
            throw refused;
        }
        long offset = range.map(ByteRange::offset).orElse(0L);
        long length = range.map(ByteRange::length).orElse(size);
        try (InputStream in = module.exports().open(e, offset, length)) {
            ctx.header("Accept-Ranges", "bytes").header("ETag", "\"" + e.bundleSha256() + "\"")
                    .header("Content-Disposition", "attachment; filename=\"" + fileName(e) + "\"")
                    .contentType(MediaTypes.OCTET_STREAM);
            range.ifPresent(r -> ctx.status(206).header("Content-Range", r.contentRange(size)));
            ctx.res().setContentLengthLong(length);
            OutputStream out = ctx.res().getOutputStream();
            in.transferTo(out);
            out.flush();
        }
    }

    /** {@code cairn-export-<workspace id>-<export id>.zip.age}. */
    static String fileName(Export e) {
        return "cairn-export-" + e.workspaceId() + "-" + e.id() + ".zip.age";
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException notNumber) {
            throw ServiceException.notFound("no such id: " + ctx.pathParam("id"));
        }
    }
}
