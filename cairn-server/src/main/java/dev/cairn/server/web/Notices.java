package dev.cairn.server.web;

import java.util.Map;

/**
 * Confirmation messages shown after a redirect-after-POST, chosen by a fixed key in the {@code done} query parameter.
 * Only these texts can appear, so the parameter cannot inject content; unknown keys show nothing.
 */
final class Notices {
    private static final Map<String, String> TEXTS = Map.ofEntries(
            Map.entry("logout", "You are logged out."),
            Map.entry("password", "Your password was changed. Other sessions were logged out."),
            Map.entry("revoked", "The token was revoked. Clients using it are refused from now on."),
            Map.entry("suspended", "The account was suspended: it can no longer log in or use its tokens."),
            Map.entry("unsuspended", "The account is active again."),
            Map.entry("quota", "The plan and quota were saved."),
            Map.entry("signup", "The sign-up mode was saved."),
            Map.entry("signed-out", "The device was signed out. Its token is refused from now on."),
            Map.entry("retention", "The retention lock was saved."),
            Map.entry("alerts", "The alert settings were saved."),
            Map.entry("device-alerts", "The device's alert setting was saved."),
            Map.entry("repo-deleted", "The repository was deleted."),
            Map.entry("account-created", "The account was created."),
            Map.entry("plan", "The plan was saved."),
            Map.entry("time-zone", "Your time zone was saved. Pages, reports and share links show times in it."));

    private Notices() {
    }

    /** The text for {@code key}, or null. */
    static String of(String key) {
        return key == null ? null : TEXTS.get(key);
    }
}
