package dev.cairn.server.web;

import java.util.List;

/**
 * The layout's model: page title, who is signed in (null on public pages), the entries of the main navigation and
 * which one is current (by {@link NavLink#key()}; null for pages outside the navigation). {@code csrf} is the session's
 * CSRF token for the logout form; null when nobody is signed in. {@code signupOpen} decides whether pages for visitors
 * link to the sign-up form.
 */
public record Chrome(String title, String accountName, boolean admin, String csrf, String current,
        List<NavLink> nav, Assets.Paths assets, boolean signupOpen) {
    public static final String DASHBOARD = "dashboard";
    public static final String TOKENS = "tokens";
    public static final String DEVICES = "devices";
    public static final String ALERTS = "alerts";
    public static final String ACCOUNT = "account";
    public static final String ADMIN = "admin";

    public boolean signedIn() {
        return accountName != null;
    }

    /** The entries this viewer sees, in order (administrators' entries only for administrators). */
    public List<NavLink> visibleNav() {
        return nav.stream().filter(l -> admin || !l.adminOnly()).toList();
    }

    /** {@code "page"} for the current entry (for {@code aria-current}), else null so the attribute is left out. */
    public String currentIf(NavLink link) {
        return link.key().equals(current) ? "page" : null;
    }
}
