package dev.cairn.workspace.web;

import dev.cairn.server.web.Assets;
import dev.cairn.server.web.Forms;
import dev.cairn.server.web.LoginCsrf;
import dev.cairn.server.web.SessionBridge;
import dev.cairn.server.ViewerZone;
import dev.cairn.server.web.Views;
import dev.cairn.workspace.reports.ReportResult;
import dev.cairn.workspace.shares.ShareOutcome;
import dev.cairn.workspace.shares.ShareService;
import dev.cairn.workspace.shares.ShareView;
import dev.cairn.workspace.shares.Unlock;
import dev.cairn.workspace.shares.Visit;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.util.Map;
import java.util.Set;

/**
 * The public page of a share link, {@code /share/{token}}: no login; the token is the only credential. It shows only
 * the link's report (as a page, {@code ?format=csv} or {@code ?format=pdf}), the workspace's name and the generated-at
 * time; with a passphrase, first a form (CSRF-protected like the login form), after which an HttpOnly cookie scoped to
 * the link's path unlocks it for {@link ShareService#UNLOCK_VALIDITY}. Unknown tokens get 404; revoked, expired or
 * deleted links 410, saying which and nothing else. Every response is {@code no-store}, {@code no-referrer} (the URL
 * holds the token) and {@code noindex}. Works without JavaScript. Thread-safe.
 */
public final class PublicSharePage {
    /** The unlock cookie's name; its path is the link's own, so each link has its own. */
    static final String UNLOCK_COOKIE = "cairn_share";
    private static final Set<String> FORMATS = Set.of("html", "csv", "pdf");
    private static final Map<ShareOutcome, String[]> GONE = Map.of(
            ShareOutcome.REVOKED, new String[] {"This link has been revoked",
                    "The person who shared this report has withdrawn the link. Ask them for a new one if you still "
                            + "need it."},
            ShareOutcome.EXPIRED, new String[] {"This link has expired",
                    "The link was valid for a limited time only. Ask the person who shared it for a new one."});
    private static final String[] UNAVAILABLE = {"This report is no longer available",
            "The report behind this link was removed or changed so that it can no longer be shown. Ask the person who "
                    + "shared it for a new link."};

    private final Views views;
    private final Assets assets;
    private final LoginCsrf csrf;
    private final SessionBridge sessions;
    private final ShareService shares;

    PublicSharePage(Views views, Assets assets, LoginCsrf csrf, SessionBridge sessions, ShareService shares) {
        this.views = views;
        this.assets = assets;
        this.csrf = csrf;
        this.sessions = sessions;
        this.shares = shares;
    }

    /** {@code GET /share/{token}?format=html|csv|pdf} */
    public void show(Context ctx) {
        privacyHeaders(ctx);
        String format = format(ctx.queryParam("format"));
        Visit visit = new Visit(ctx.ip(), ctx.userAgent(), format);
        switch (shares.open(token(ctx), ctx.cookie(UNLOCK_COOKIE), visit)) {
            case ShareView.Unknown u -> missing(ctx);
            case ShareView.Gone g -> gone(ctx, g.why());
            case ShareView.Locked l -> locked(ctx, 200, format, null);
            case ShareView.Open o -> inOwnersZone(o, () -> result(ctx, format, o.workspace(), o.result()));
        }
    }

    /** {@code POST /share/{token}} with {@code _csrf}, {@code passphrase} and the {@code format} to go on to. */
    public void unlock(Context ctx) {
        privacyHeaders(ctx);
        LoginCsrf.check(ctx);
        String format = format(Forms.field(ctx, "format"));
        Visit visit = new Visit(ctx.ip(), ctx.userAgent(), "passphrase");
        switch (shares.unlock(token(ctx), Forms.field(ctx, "passphrase"), visit)) {
            case Unlock.Unknown u -> missing(ctx);
            case Unlock.Gone g -> gone(ctx, g.why());
            case Unlock.Wrong w -> locked(ctx, 401, format, "That passphrase is not right. Check it and try again.");
            case Unlock.Throttled t -> {
                ctx.header("Retry-After", Long.toString(Math.max(1, t.retryAfter().toSeconds())));
                locked(ctx, 429, format, "Too many wrong passphrases. Try again in "
                        + Math.max(1, t.retryAfter().toMinutes() + 1) + " minutes.");
            }
            case Unlock.Unlocked u -> {
                if (u.secret() != null) {
                    ctx.cookie(unlockCookie(ctx, u.secret()));
                }
                ctx.redirect(ctx.path() + (format.equals("html") ? "" : "?format=" + format), HttpStatus.SEE_OTHER);
            }
        }
    }

    private Cookie unlockCookie(Context ctx, String secret) {
        Cookie cookie = new Cookie(UNLOCK_COOKIE, secret);
        cookie.setPath(ctx.path());
        cookie.setMaxAge((int) ShareService.UNLOCK_VALIDITY.toSeconds());
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.LAX);
        cookie.setSecure(sessions.secure(ctx));
        return cookie;
    }

    /** Runs {@code page} with the link owner's time zone as the reader's (the page shows the owner's times). */
    private static void inOwnersZone(ShareView.Open open, Runnable page) {
        try {
            ViewerZone.call(ViewerZone.parse(open.zone()).orElse(null), () -> {
                page.run();
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void result(Context ctx, String format, String workspace, ReportResult result) {
        if (ReportFiles.isDownload(format)) {
            ReportFiles.send(ctx, format, result, workspace);
        } else {
            write(ctx, 200, views.render("sharePage.jte", Map.of("css", assets.paths().css(),
                    "shown", ShareViews.Shown.of(workspace, result))));
        }
    }

    private void locked(Context ctx, int status, String format, String error) {
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("css", assets.paths().css());
        params.put("csrf", csrf.issue(ctx));
        params.put("format", format);
        params.put("error", error);
        write(ctx, status, views.render("shareLocked.jte", params));
    }

    private void missing(Context ctx) {
        write(ctx, 404, views.render("shareGone.jte", Map.of("css", assets.paths().css(),
                "heading", "This link does not exist", "message", "Check that you copied the whole link. If you "
                        + "did, ask the person who shared it for a new one.")));
    }

    private void gone(Context ctx, ShareOutcome why) {
        String[] text = GONE.getOrDefault(why, UNAVAILABLE);
        write(ctx, 410, views.render("shareGone.jte", Map.of("css", assets.paths().css(), "heading", text[0],
                "message", text[1])));
    }

    private static void write(Context ctx, int status, String html) {
        ctx.status(status);
        ctx.header("Content-Security-Policy", Views.CSP);
        ctx.header("X-Frame-Options", "DENY");
        ctx.contentType("text/html; charset=utf-8").result(html);
    }

    /** Set first, so that every answer carries them, error pages included. */
    private static void privacyHeaders(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Robots-Tag", "noindex, nofollow");
        ctx.header("X-Content-Type-Options", "nosniff");
    }

    private static String token(Context ctx) {
        return ctx.pathParam("token");
    }

    private static String format(String requested) {
        return requested != null && FORMATS.contains(requested) ? requested : "html";
    }
}
