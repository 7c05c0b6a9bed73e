package dev.cairn.server.web;

/**
 * The layout's model: page title, who is signed in (null on public pages), and which navigation entry is current.
 * {@code csrf} is the session's CSRF token for the logout form; null when nobody is signed in. {@code signupOpen}
 * decides whether pages for visitors link to the sign-up form.
 */
public record Chrome(String title, String accountName, boolean admin, String csrf, Nav current,
        Assets.Paths assets, boolean signupOpen) {

    /** Navigation entries; {@link #NONE} for pages outside the navigation. */
    public enum Nav {
        DASHBOARD, RECORDS, TOKENS, ACCOUNT, ADMIN, NONE
    }

    public boolean signedIn() {
        return accountName != null;
    }

    /** {@code "page"} for the current entry (for {@code aria-current}), else null so the attribute is left out. */
    public String currentIf(Nav nav) {
        return nav == current ? "page" : null;
    }
}
