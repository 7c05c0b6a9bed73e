package dev.cairn.server.web;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.TokenCreated;
import dev.cairn.protocol.TokenInfo;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.auth.Principal;
import dev.cairn.server.auth.TokenService;
import dev.cairn.server.error.ServiceException;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * API tokens: list, create, revoke. A new token's secret appears exactly once, in the response to the create form
 * (never in a redirect URL, a log or a later page), with the restic repository URL that uses it. Revocation works as a
 * plain form POST; with htmx it replaces the table row in place. Thread-safe.
 */
public final class TokenPages {
    /** The repository name the example restic command uses. */
    static final String EXAMPLE_REPO = "main";
    private final Pages pages;
    private final TokenService tokens;
    private final InstantSource clock;

    TokenPages(Pages pages, TokenService tokens, InstantSource clock) {
        this.pages = pages;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** {@code GET /tokens} */
    public void page(Context ctx) {
        show(ctx, 200, Forms.of(ctx), null, null);
    }

    /** {@code POST /tokens}: fields {@code name}, {@code scope} (read, append, full), optional {@code expires} date. */
    public void create(Context ctx) {
        Principal p = pages.principal(ctx);
        Forms form = Forms.of(ctx, "name", "scope", "expires");
        String name = form.value("name").strip();
        if (name.isEmpty() || name.length() > 100) {
            form.error("name", "Give the token a name of 1-100 characters, e.g. the machine that will use it.");
        }
        TokenScope scope = null;
        try {
            scope = TokenScope.parse(form.value("scope"));
        } catch (IllegalArgumentException e) {
            form.error("scope", "Choose read, append or full.");
        }
        Instant expires = expiry(form);
        if (form.hasErrors()) {
            show(ctx, 400, form, null, null);
            return;
        }
        TokenCreated created = tokens.create(p.accountId(), name, scope, expires);
        show(ctx, 200, Forms.empty(), created, resticUrl(ctx, p.accountName(), created.token()));
    }

    /** The end of the chosen day (in the reader's zone), so a token "valid until" a date works through that whole day. */
    private Instant expiry(Forms form) {
        String text = form.value("expires").strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            Instant end = Format.endOfDay(LocalDate.parse(text));
            if (!end.isAfter(clock.instant())) {
                form.error("expires", "The date is in the past. Choose today or a later day, or leave it empty.");
            }
            return end;
        } catch (DateTimeParseException e) {
            form.error("expires", "Write the date as YYYY-MM-DD, or leave it empty for a token that never expires.");
            return null;
        }
    }

    /**
     * {@code POST /tokens/{id}/revoke}: with field {@code confirmed=yes} (the page's confirmation, or htmx's) revokes
     * and redirects back to the list, or (htmx) returns the updated row; without it, shows a confirmation page.
     */
    public void revoke(Context ctx) {
        Principal p = pages.principal(ctx);
        long id = tokenId(ctx);
        TokenInfo target = tokens.list(p.accountId()).stream().filter(t -> t.id() == id).findFirst()
                .orElseThrow(() -> ServiceException.notFound("no token " + id));
        if (!"yes".equals(Forms.field(ctx, "confirmed"))) {
            pages.render(ctx, 200, "tokenRevoke.jte", pages.chrome(ctx, "Revoke " + target.name(), Chrome.TOKENS),
                    "token", target);
            return;
        }
        tokens.revoke(p.accountId(), id);
        if (Pages.isHtmx(ctx)) {
            TokenInfo token = tokens.list(p.accountId()).stream().filter(t -> t.id() == id).findFirst()
                    .orElseThrow(() -> ServiceException.notFound("no token " + id));
            pages.fragment(ctx, "tokenRow.jte", "token", token, "csrf", p.csrfToken(), "now", clock.instant());
            return;
        }
        Pages.seeOther(ctx, "/tokens?done=revoked");
    }

    private void show(Context ctx, int status, Forms form, TokenCreated created, String resticUrl) {
        Principal p = pages.principal(ctx);
        pages.render(ctx, status, "tokens.jte", pages.chrome(ctx, "API tokens", Chrome.TOKENS),
                "tokens", tokens.list(p.accountId()), "form", form, "created", created, "resticUrl", resticUrl,
                "exampleRepo", EXAMPLE_REPO,
                "now", clock.instant(), "notice", Notices.of(ctx.queryParam("done")));
    }

    /**
     * {@code rest:http://NAME:TOKEN@HOST/NAME/main/}: the URL as this browser reached the server, so it works from the
     * same network; the repository name is an example.
     */
    static String resticUrl(Context ctx, String account, String token) {
        String host = ctx.host() == null ? "localhost" : ctx.host();
        return "rest:" + ctx.scheme() + "://" + account + ":" + token + "@" + host + "/" + account + "/"
                + EXAMPLE_REPO + "/";
    }

    private static long tokenId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new ServiceException(ErrorCode.NOT_FOUND, "no token '" + ctx.pathParam("id") + "'");
        }
    }
}
