package dev.cairn.workspace.web;

import java.util.Map;

/**
 * Confirmation messages of the workspace pages shown after a redirect-after-POST, chosen by a fixed key in the
 * {@code done} query parameter. Only these texts can appear, so the parameter cannot inject content; unknown keys show
 * nothing.
 */
final class Notices {
    private static final Map<String, String> TEXTS = Map.ofEntries(
            Map.entry("template", "The template's tables were created. Add records to any of them."),
            Map.entry("created", "The record was created."),
            Map.entry("saved", "The record was saved."),
            Map.entry("deleted", "The record was deleted. It can be restored from its history for 30 days."),
            Map.entry("restored", "The record was restored."),
            Map.entry("share-revoked", "The share link was revoked. It stops working at once, also for anyone who "
                    + "already opened it."),
            Map.entry("table-created", "The table was created. Add more columns below."),
            Map.entry("table-saved", "The table's name and label were saved."),
            Map.entry("table-deleted", "The table was deleted. Its records are kept until removed data is purged."),
            Map.entry("column-added", "The column was added."),
            Map.entry("column-saved", "The column was saved."),
            Map.entry("column-removed", "The column was removed. Its values are kept until removed data is purged."),
            Map.entry("purged", "Removed columns and deleted tables were purged for good."),
            Map.entry("report-saved", "The report was saved."),
            Map.entry("report-deleted", "The report was deleted."),
            Map.entry("role-saved", "The role was saved."),
            Map.entry("member-removed", "The member was removed from the workspace."),
            Map.entry("invite-revoked", "The invitation was revoked; its link no longer works."),
            Map.entry("joined", "You joined the workspace."));

    private Notices() {
    }

    /** The text for {@code key}, or null. */
    static String of(String key) {
        return key == null ? null : TEXTS.get(key);
    }
}
