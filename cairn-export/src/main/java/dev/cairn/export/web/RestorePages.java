package dev.cairn.export.web;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.cairn.export.format.Formats;
import dev.cairn.export.http.ExportAccess;
import dev.cairn.export.http.ExportApi;
import dev.cairn.export.restore.RestoreDiff;
import dev.cairn.export.restore.RestoreOptions;
import dev.cairn.export.restore.RestoreService;
import dev.cairn.export.restore.RestoreUploads;
import dev.cairn.export.service.ExportModule;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.http.Route;
import dev.cairn.server.web.Format;
import dev.cairn.server.web.Pages;
import dev.cairn.server.web.WebKit;
import dev.cairn.workspace.members.Caller;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * "Restore from a copy" ({@code /web/export/restore}, the signed-in owner's own workspace, session only, CSRF): upload a
 * decrypted copy as a ZIP, see the diff per table, confirm; the upload is kept (bound to the account and workspace,
 * under an unguessable id) only between the diff and the confirmation, at most {@link #KEEP}. Thread-safe.
 */
public final class RestorePages {
    static final String BASE = ExportPages.BASE + "/restore";
    static final Duration KEEP = Duration.ofMinutes(30);
    private final Pages pages;
    private final RestoreService restore;
    private final RestoreUploads uploads;
    private final Path root;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    private final java.security.SecureRandom random = new java.security.SecureRandom();

    /** The page's confirmation: the kept upload's id and the options the diff was made with. */
    public record Pending(String upload, boolean otherWorkspace, String signingKey) {
    }

    private record Kept(Path file, long accountId, long workspaceId, Instant at) {
    }

    private RestorePages(Pages pages, RestoreService restore, RestoreUploads uploads, Path spool) {
        this.pages = pages;
        this.restore = restore;
        this.uploads = uploads;
        this.root = spool.resolve("export-scratch");
    }

    public static List<Route> routes(WebKit web, ExportModule module, RestoreService restore, RestoreUploads uploads,
            Path spool) {
        RestorePages p = new RestorePages(web.pages().withTemplates(ExportPages.TEMPLATES), restore, uploads, spool);
        var owner = ExportApi.pageRole(module);
        return List.of(new Route(GET, BASE, owner, p::page), new Route(POST, BASE, owner, p::diff),
                new Route(POST, BASE + "/apply", owner, p::apply));
    }

    void page(Context ctx) {
        String done = ctx.queryParam("done");
        show(ctx, 200, null, done == null ? null : "Restored: the workspace is now the copy (at change " + done
                + ").", null, null);
    }

    void diff(Context ctx) throws IOException {
        Caller c = ExportAccess.caller(ctx);
        UploadedFile file = ctx.contentType() != null && ctx.contentType().startsWith("multipart/")
                ? ctx.uploadedFile("copy") : null;
        if (file == null || file.size() == 0) {
            show(ctx, 422, "Choose the decrypted copy (.zip) to upload.", null, null, null);
            return;
        }
        Path saved = save(file);
        try {
            RestoreOptions o = options(ctx);
            RestoreDiff diff = unpacked(saved, dir -> restore.diff(c, dir, o));
            String id = keep(saved, c);
            saved = null;
            show(ctx, 200, null, null, diff, new Pending(id, o.otherWorkspace(), o.signingKey()));
        } catch (ServiceException e) {
            show(ctx, e.code().status(), Format.sentence(e.getMessage()), null, null, null);
        } finally {
            if (saved != null) {
                Files.deleteIfExists(saved);
            }
        }
    }

    void apply(Context ctx) throws IOException {
        Caller c = ExportAccess.caller(ctx);
        Kept k = kept.remove(String.valueOf(ctx.formParam("upload")));
        if (k == null || k.accountId() != c.accountId() || k.workspaceId() != c.workspaceId()
                || k.at().isBefore(Instant.now().minus(KEEP))) {
            show(ctx, 404, "The uploaded copy is no longer here (it is kept " + KEEP.toMinutes() + " minutes); "
                    + "upload it again.", null, null, null);
            return;
        }
        try {
            RestoreOptions o = options(ctx);
            long seq = Long.parseLong(String.valueOf(ctx.formParam("seq")));
            RestoreService.Applied applied = unpacked(k.file(), dir -> restore.apply(c, dir, o, seq));
            Pages.seeOther(ctx, BASE + "?done=" + applied.seq());
        } catch (ServiceException e) {
            show(ctx, e.code().status(), Format.sentence(e.getMessage()), null, null, null);
        } catch (NumberFormatException e) {
            show(ctx, 400, "The form is damaged; upload the copy again.", null, null, null);
        } finally {
            Files.deleteIfExists(k.file());
        }
    }

    private <T> T unpacked(Path zip, RestoreUploads.Use<T> use) throws IOException {
        try (InputStream in = Files.newInputStream(zip)) {
            return uploads.unpacked(in, use);
        }
    }

    private Path save(UploadedFile file) throws IOException {
        Files.createDirectories(root);
        Path saved = Files.createTempFile(root, "restore-upload-", ".zip");
        try (InputStream in = file.content()) {
            Files.copy(in, saved, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return saved;
    }

    private String keep(Path saved, Caller c) throws IOException {
        Instant oldest = Instant.now().minus(KEEP);
        for (var e : kept.entrySet()) {
            if (e.getValue().at().isBefore(oldest) && kept.remove(e.getKey()) != null) {
                Files.deleteIfExists(e.getValue().file());
            }
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        String key = HexFormat.of().formatHex(id);
        kept.put(key, new Kept(saved, c.accountId(), c.workspaceId(), Instant.now()));
        return key;
    }

    private static RestoreOptions options(Context ctx) {
        String key = ctx.formParam("signingKey");
        return new RestoreOptions(blankToNull(ctx.formParam("format")), ctx.formParam("mode"), blankToNull(key),
                "true".equals(ctx.formParam("otherWorkspace")));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private void show(Context ctx, int status, String problem, String notice, RestoreDiff diff, Pending pending) {
        pages.render(ctx, status, "restorePage.jte", pages.chrome(ctx, "Restore from a copy", ExportPages.NAV.key()),
                "formats", Formats.NAMES, "problem", problem, "notice", notice, "diff", diff, "pending", pending);
    }
}
