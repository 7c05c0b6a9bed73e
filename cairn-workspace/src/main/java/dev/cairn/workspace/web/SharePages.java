package dev.cairn.workspace.web;

import dev.cairn.server.error.ServiceException;
import dev.cairn.server.web.Format;
import dev.cairn.server.web.Forms;
import dev.cairn.server.web.Pages;
import dev.cairn.workspace.WorkspaceModule;
import dev.cairn.workspace.http.ShareLinks;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.reports.ReportSpec;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import dev.cairn.workspace.shares.Share;
import dev.cairn.workspace.shares.ShareAccess;
import dev.cairn.workspace.shares.ShareRequest;
import dev.cairn.workspace.shares.ShareService;
import dev.cairn.workspace.web.ShareViews.AccessLine;
import dev.cairn.workspace.web.ShareViews.FixedGroup;
import dev.cairn.workspace.web.ShareViews.FixedOption;
import dev.cairn.workspace.web.ShareViews.Listed;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The workspace's share links ({@code /web/workspace/{ws}/shares}): the list (every member), and for editors: share a
 * report (choose it, then expiry, passphrase and the one referenced row to restrict it to), the new link shown once in
 * a field made for copying, revocation after a confirmation, and each link's access log. Plain links and forms; the
 * guard enforces the roles. Thread-safe.
 */
public final class SharePages {
    private final WsScope scope;
    private final WorkspaceModule ws;
    private final ShareService shares;
    private final String publicUrl;

    /** @param publicUrl the server's public URL for links (null: as the browser reached the server) */
    SharePages(WsScope scope, WorkspaceModule ws, ShareService shares, String publicUrl) {
        this.scope = scope;
        this.ws = ws;
        this.shares = shares;
        this.publicUrl = publicUrl;
    }

    /** {@code GET .../shares} */
    public void list(Context ctx) {
        showList(ctx, null);
    }

    private void showList(Context ctx, String createdUrl) {
        Caller c = scope.caller(ctx);
        List<Listed> rows = shares.list(c).stream().map(s -> listed(c, s)).toList();
        List<String[]> reports = ws.reports().list(c).stream().map(r -> new String[] {String.valueOf(r.id()), r.name()})
                .toList();
        scope.pages().render(ctx, 200, "wsShares.jte", scope.chrome(ctx, "Share links"), "ws", WsScope.view(c),
                "shares", rows, "reports", reports, "created", createdUrl, "notice", WsScope.notice(ctx));
    }

    /** {@code GET .../shares/new?report=ID}: the rest of the form, once the report is chosen. */
    public void newShare(Context ctx) {
        Caller c = scope.caller(ctx);
        showForm(ctx, 200, c, report(c, ctx.queryParam("report")), Forms.of(ctx));
    }

    /** {@code POST .../shares}: fields {@code report}, {@code expires} (date), {@code passphrase}, {@code fixed}. */
    public void create(Context ctx) {
        Caller c = scope.caller(ctx);
        ReportSpec report = report(c, Forms.field(ctx, "report"));
        Forms form = Forms.of(ctx, "expires", "fixed");
        Instant expires = expiry(form);
        if (form.hasErrors()) {
            showForm(ctx, 400, c, report, form);
            return;
        }
        try {
            var created = shares.create(c, new ShareRequest(report.id(), expires, Forms.field(ctx, "passphrase"),
                    fixedTo(form.value("fixed"))));
            showList(ctx, ShareLinks.url(ctx, publicUrl, created.token()));
        } catch (ValidationException e) {
            for (FieldError f : e.errors()) {
                if (f.field().equals("expiresAt")) { // the service names the instant; people typed a day
                    form.error("expires", "That day has passed. Choose today or a later day, or leave it empty for "
                            + "a link that does not expire.");
                } else {
                    form.error(f.field().startsWith("fixedTo") ? "fixed" : f.field(), Format.sentence(f.message()));
                }
            }
            showForm(ctx, 422, c, report, form);
        }
    }

    private void showForm(Context ctx, int status, Caller c, ReportSpec report, Forms form) {
        scope.pages().render(ctx, status, "wsShareNew.jte", scope.chrome(ctx, "Share " + report.name()), "ws",
                WsScope.view(c), "report", new String[] {String.valueOf(report.id()), report.name()},
                "groups", fixedGroups(c, report), "form", form);
    }

    /** The end of the chosen day in the reader's zone, as for API tokens. */
    private static Instant expiry(Forms form) {
        String text = form.value("expires").strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Format.endOfDay(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            form.error("expires", "Write the date as YYYY-MM-DD, or leave it empty for a link that does not expire.");
            return null;
        }
    }

    private static Share.FixedTo fixedTo(String value) {
        int colon = value.lastIndexOf(':');
        if (value.isBlank() || colon < 1) {
            return null;
        }
        try {
            return new Share.FixedTo(value.substring(0, colon), Long.parseLong(value.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw ValidationException.of("fixedTo.record", "choose one of the listed records");
        }
    }

    /** Per reference column of the report's table, its first records as choices. */
    private List<FixedGroup> fixedGroups(Caller c, ReportSpec report) {
        List<FixedGroup> groups = new ArrayList<>();
        for (ColumnSpec col : ws.tables().get(c, report.table()).columns()) {
            if (col.type() != ColumnType.REFERENCE || col.references() == null) {
                continue;
            }
            TableSpec target = ws.tables().get(c, col.references());
            List<FixedOption> options = ReferenceLabels.choices(ws, c, target.name()).stream().map(r ->
                    new FixedOption(col.name() + ":" + r.id(), Labels.record(target, r))).toList();
            groups.add(new FixedGroup(Labels.of(col) + " (" + Labels.of(target) + ")", options));
        }
        return groups;
    }

    /** {@code GET .../shares/{share}}: the link and its access log. */
    public void detail(Context ctx) {
        Caller c = scope.caller(ctx);
        long id = shareId(ctx);
        Listed share = listed(c, shares.get(c, id));
        List<AccessLine> log = shares.accesses(c, id).stream().map(SharePages::line).toList();
        scope.pages().render(ctx, 200, "wsShare.jte", scope.chrome(ctx, "Share link " + id), "ws", WsScope.view(c),
                "share", share, "accesses", log);
    }

    /** {@code GET .../shares/{share}/revoke}: asks first. */
    public void confirmRevoke(Context ctx) {
        Caller c = scope.caller(ctx);
        scope.pages().render(ctx, 200, "wsShareRevoke.jte", scope.chrome(ctx, "Revoke share link"), "ws",
                WsScope.view(c), "share", listed(c, shares.get(c, shareId(ctx))));
    }

    /** {@code POST .../shares/{share}/revoke} */
    public void revoke(Context ctx) {
        Caller c = scope.caller(ctx);
        shares.revoke(c, shareId(ctx));
        Pages.seeOther(ctx, WsScope.view(c).base() + "/shares?done=share-revoked");
    }

    private Listed listed(Caller c, Share s) {
        return new Listed(s.id(), s.report(), s.status().replace('-', ' '), s.passphrase(), fixedText(c, s),
                s.createdBy(),
                Format.time(s.createdAt(), ""), validUntil(s.expiresAt()), s.accessCount(),
                Format.time(s.lastAccessAt(), "never"), s.active());
    }

    /** When a link stops working, in the words of the form that set it ("Valid until" a day, inclusive). */
    static String validUntil(Instant expiresAt) {
        return Format.validUntil(expiresAt, "no end");
    }

    /** A link's row restriction as people read it, "Customer: Acme"; null without one. */
    private String fixedText(Caller c, Share s) {
        if (s.fixedTo() == null) {
            return null;
        }
        long record = s.fixedTo().record();
        try {
            TableSpec t = ws.tables().get(c, ws.reports().get(c, s.reportId()).table());
            ColumnSpec col = t.columns().stream().filter(x -> x.name().equals(s.fixedTo().column())).findFirst()
                    .orElseThrow();
            return Labels.of(col) + ": " + new ReferenceLabels(ws, c).of(col, record);
        } catch (RuntimeException gone) { // the report or its column went away: the link is no longer active
            return Labels.of(ColumnSpec.of(s.fixedTo().column(), null)) + ": #" + record;
        }
    }

    private static AccessLine line(ShareAccess a) {
        return new AccessLine(Format.time(a.at(), ""), a.outcome().wireName().replace('-', ' '), a.what(),
                a.client() == null ? "" : a.client(), a.userAgent() == null ? "" : a.userAgent());
    }

    private ReportSpec report(Caller c, String id) {
        try {
            return ws.reports().get(c, Long.parseLong(id == null ? "" : id.strip()));
        } catch (NumberFormatException e) {
            throw ValidationException.of("report", "choose a report to share");
        }
    }

    private static long shareId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("share"));
        } catch (NumberFormatException e) {
            throw ServiceException.notFound("no share link '" + ctx.pathParam("share") + "'");
        }
    }
}
