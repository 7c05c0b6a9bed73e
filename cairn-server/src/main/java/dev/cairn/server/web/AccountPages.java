package dev.cairn.server.web;

import dev.cairn.server.ViewerZone;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.account.Account;
import dev.cairn.server.account.AccountNames;
import dev.cairn.server.account.AccountService;
import dev.cairn.server.auth.Principal;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.error.ThrottledException;
import io.javalin.http.Context;
import java.time.Duration;

/**
 * The account's own settings: the time zone its pages show times in (ADR 52), password change (the current password is required and checked through the throttled
 * login path; other sessions end, this browser gets a fresh one) and account deletion (the name typed again plus the password; the account stops working at once
 * and its data is deleted after the grace period). Thread-safe.
 */
public final class AccountPages {
    private final Pages pages;
    private final AccountService accounts;
    private final Duration deletionGrace;
    private final java.time.InstantSource clock;

    AccountPages(Pages pages, AccountService accounts, Duration deletionGrace, java.time.InstantSource clock) {
        this.pages = pages;
        this.accounts = accounts;
        this.deletionGrace = deletionGrace;
        this.clock = clock;
    }

    /** {@code GET /account/password}: the account page (time zone, password, deletion). */
    public void passwordPage(Context ctx) {
        showPassword(ctx, 200, Forms.empty());
    }

    /**
     * {@code POST /account/time-zone}: field {@code zone}, a region id ({@code Europe/Berlin}) or {@code UTC}. A zone
     * that does not exist comes back with the page, as typed, and a message.
     */
    public void setTimeZone(Context ctx) {
        Principal p = pages.principal(ctx);
        Forms form = Forms.of(ctx, "zone");
        var zone = ViewerZone.parse(form.value("zone"));
        if (zone.isEmpty()) {
            form.error("zone", "'" + form.value("zone").strip() + "' is not a time zone. Choose one from the list, "
                    + "e.g. Europe/Berlin or America/New_York.");
            showPassword(ctx, 400, form);
            return;
        }
        accounts.setTimeZone(p.accountId(), zone.get().equals(ViewerZone.UTC) ? null : zone.get().getId());
        Pages.seeOther(ctx, "/account/password?done=time-zone");
    }

    /** {@code POST /account/password}: fields {@code current}, {@code password}, {@code confirm}. */
    public void changePassword(Context ctx) {
        Principal p = pages.principal(ctx);
        Forms form = Forms.empty();
        String next = Forms.field(ctx, "password");
        AuthPages.check(form, "password", () -> AccountNames.requireValidPassword(next));
        if (next != null && !next.equals(Forms.field(ctx, "confirm"))) {
            form.error("confirm", "The two new passwords differ. Type the same password twice.");
        }
        if (!form.hasErrors() && checkPassword(ctx, p, form, "current")) {
            accounts.changePassword(p.accountId(), Forms.field(ctx, "current"), next, ctx.ip());
        }
        if (form.hasErrors()) {
            showPassword(ctx, 400, form);
            return;
        }
        pages.sessions().start(ctx, p.accountId()); // the change ended every session, this one included
        Pages.seeOther(ctx, "/?done=password");
    }

    private void showPassword(Context ctx, int status, Forms form) {
        String zone = form.value("zone").isEmpty() ? ViewerZone.current().getId() : form.value("zone").strip();
        pages.render(ctx, status, "password.jte", pages.chrome(ctx, "Account", Chrome.ACCOUNT),
                "form", form, "zone", zone, "zones", ViewerZone.choices(),
                "now", ViewerZone.minute(clock.instant()), "notice", Notices.of(ctx.queryParam("done")));
    }

    /** {@code GET /account/delete} */
    public void deletePage(Context ctx) {
        showDelete(ctx, 200, Forms.empty());
    }

    /** {@code POST /account/delete}: fields {@code confirm} (the account name) and {@code password}. */
    public void delete(Context ctx) {
        Principal p = pages.principal(ctx);
        Forms form = Forms.of(ctx, "confirm");
        if (!p.accountName().equals(form.value("confirm").strip())) {
            form.error("confirm", "Type your account name, " + p.accountName() + ", to confirm.");
        } else {
            checkPassword(ctx, p, form, "password");
        }
        if (form.hasErrors()) {
            showDelete(ctx, 400, form);
            return;
        }
        Account deleted = accounts.requestDeletion(p.accountId());
        pages.sessions().clear(ctx);
        pages.render(ctx, 200, "deleted.jte", pages.publicChrome("Account deleted"), "account", deleted);
    }

    /**
     * Checks the account's password from form field {@code field} through the login path, so guesses made with a
     * signed-in browser are throttled like logins; a wrong one becomes a message on the field.
     */
    private boolean checkPassword(Context ctx, Principal p, Forms form, String field) {
        try {
            accounts.login(p.accountName(), Forms.field(ctx, field), ctx.ip());
            return true;
        } catch (ThrottledException e) {
            form.message("Too many wrong passwords. Wait a few minutes and try again.");
        } catch (ServiceException e) {
            if (e.code() != ErrorCode.UNAUTHENTICATED) {
                throw e;
            }
            form.error(field, field.equals("current") ? "The current password is wrong." : "The password is wrong.");
        }
        return false;
    }

    private void showDelete(Context ctx, int status, Forms form) {
        pages.render(ctx, status, "delete.jte", pages.chrome(ctx, "Delete account", Chrome.ACCOUNT),
                "form", form, "graceText", graceText());
    }

    /** The grace period in words: "30 days", "12 hours", "immediately". */
    String graceText() {
        if (deletionGrace.isZero()) {
            return "immediately";
        }
        long days = deletionGrace.toDays();
        if (days >= 1) {
            return days + (days == 1 ? " day" : " days");
        }
        long hours = Math.max(1, deletionGrace.toHours());
        return hours + (hours == 1 ? " hour" : " hours");
    }
}
