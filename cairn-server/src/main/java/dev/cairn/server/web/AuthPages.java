package dev.cairn.server.web;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.SignupRequest;
import dev.cairn.server.account.Account;
import dev.cairn.server.account.AccountNames;
import dev.cairn.server.account.AccountService;
import dev.cairn.server.account.SignupMode;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.error.ThrottledException;
import io.javalin.http.Context;

/**
 * Log in, sign up, log out. The two public forms are protected by {@link LoginCsrf}; a wrong password, throttling or a
 * suspended account re-render the login form with the reason (never which of name or password was wrong). Sign-up
 * follows the admin's {@link SignupMode}: open, invite code required, or closed (no form at all). Thread-safe.
 */
public final class AuthPages {
    private final Pages pages;
    private final AccountService accounts;
    private final LoginCsrf csrf;

    AuthPages(Pages pages, AccountService accounts, LoginCsrf csrf) {
        this.pages = pages;
        this.accounts = accounts;
        this.csrf = csrf;
    }

    /** {@code GET /login} */
    public void loginPage(Context ctx) {
        showLogin(ctx, 200, Forms.empty().value("next", safeNext(ctx.queryParam("next"))),
                Notices.of(ctx.queryParam("done")));
    }

    /**
     * Where to go after logging in: {@code next} if it is a path on this server ({@code /…}, not {@code //host} or
     * {@code /\host}, no control characters), else the dashboard. Never another site (no open redirect).
     */
    static String safeNext(String next) {
        if (next == null || next.isEmpty() || next.length() > 2000 || !next.startsWith("/") || next.startsWith("//")
                || next.contains("\\") || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/";
        }
        return next;
    }

    /** {@code POST /login}: on success a session cookie and a redirect to the dashboard. */
    public void login(Context ctx) {
        LoginCsrf.check(ctx);
        Forms form = Forms.of(ctx, "name", "next");
        Account account;
        try {
            account = accounts.login(Forms.field(ctx, "name"), Forms.field(ctx, "password"), ctx.ip());
        } catch (ThrottledException e) {
            long seconds = Math.max(1, e.retryAfter().toSeconds());
            long minutes = (seconds + 59) / 60;
            ctx.header("Retry-After", Long.toString(seconds));
            showLogin(ctx, 429, form.message("Too many failed login attempts. Wait " + minutes + " minute"
                    + (minutes == 1 ? "" : "s") + " and try again."), null);
            return;
        } catch (ServiceException e) {
            if (e.code() == ErrorCode.UNAUTHENTICATED) {
                showLogin(ctx, 401, form.message("Wrong account name or password."), null);
            } else if (e.code() == ErrorCode.ACCOUNT_SUSPENDED) {
                String reason = accounts.suspensionReason(Forms.field(ctx, "name")).map(r -> " The reason given: "
                        + Format.sentence(r)).orElse("");
                showLogin(ctx, 403, form.message("This account is suspended." + reason + " Contact the administrator."),
                        null);
            } else {
                throw e;
            }
            return;
        }
        pages.sessions().start(ctx, account.id());
        Pages.seeOther(ctx, safeNext(form.value("next")));
    }

    private void showLogin(Context ctx, int status, Forms form, String notice) {
        pages.render(ctx, status, "login.jte", pages.publicChrome("Log in"), "csrf", csrf.issue(ctx), "form", form,
                "notice", notice);
    }

    /** {@code GET /signup} */
    public void signupPage(Context ctx) {
        showSignup(ctx, 200, Forms.empty());
    }

    /** {@code POST /signup}: creates the account, starts a session, redirects to the dashboard. */
    public void signUp(Context ctx) {
        LoginCsrf.check(ctx);
        SignupMode mode = accounts.signupMode();
        Forms form = Forms.of(ctx, "name", "email", "invite");
        if (mode == SignupMode.CLOSED) {
            showSignup(ctx, 403, form);
            return;
        }
        String name = Forms.field(ctx, "name");
        String email = Forms.field(ctx, "email");
        String password = Forms.field(ctx, "password");
        String invite = Forms.field(ctx, "invite");
        check(form, "name", () -> AccountNames.requireValidName(name));
        check(form, "email", () -> AccountNames.requireValidEmail(email));
        check(form, "password", () -> AccountNames.requireValidPassword(password));
        if (mode == SignupMode.INVITE && (invite == null || invite.isBlank())) {
            form.error("invite", "An invite code is required on this server. Ask the administrator for one.");
        }
        if (form.hasErrors()) {
            showSignup(ctx, 400, form);
            return;
        }
        Account account;
        try {
            account = accounts.signUp(new SignupRequest(name, email, password,
                    invite == null || invite.isBlank() ? null : invite.strip()));
        } catch (ServiceException e) {
            switch (e.code()) {
                case ALREADY_EXISTS -> form.error("name", "This name or email is already taken. Choose another name, "
                        + "or log in.");
                case SIGNUP_CLOSED -> form.error("invite", "This invite code is unknown or was already used.");
                default -> throw e;
            }
            showSignup(ctx, e.code().status(), form);
            return;
        }
        pages.sessions().start(ctx, account.id());
        Pages.seeOther(ctx, "/");
    }

    private void showSignup(Context ctx, int status, Forms form) {
        pages.render(ctx, status, "signup.jte", pages.publicChrome("Create an account"), "csrf", csrf.issue(ctx),
                "form", form, "mode", accounts.signupMode().wireName());
    }

    /** {@code POST /logout} (session role: the guard checked the CSRF token). */
    public void logout(Context ctx) {
        pages.sessions().end(ctx);
        Pages.seeOther(ctx, "/login?done=logout");
    }

    /** Runs a service validator and turns its refusal into a message on {@code field}. */
    static void check(Forms form, String field, Runnable validator) {
        try {
            validator.run();
        } catch (ServiceException e) {
            form.error(field, Format.sentence(e.getMessage()));
        }
    }
}
