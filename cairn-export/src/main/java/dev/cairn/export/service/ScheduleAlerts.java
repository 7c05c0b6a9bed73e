package dev.cairn.export.service;

import dev.cairn.server.alerts.AlertKind;
import dev.cairn.server.alerts.Alerts;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Tells the platform's alerts ({@link Alerts}, ADR 33) how a workspace's export schedule fares: a failed scheduled
 * export raises {@code export-failed} for its owning account, subject the workspace's name (one open incident per
 * workspace, however many runs fail while it lasts; the alerts repeat it at the account's rate), and a successful
 * scheduled export resolves it. The alert is the owner's only message about a scheduled failure (ADR 37): the email
 * and webhook go where the account's alert settings say. Thread-safe.
 */
final class ScheduleAlerts {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final int MAX_MESSAGE = 2_000;
    private final Alerts alerts;
    private final String page;

    /** @param page the Onsite copy page's address, or null when the server has no public URL */
    ScheduleAlerts(Alerts alerts, String page) {
        this.alerts = alerts;
        this.page = page;
    }

    /** Raises {@code export-failed} for the failed scheduled export {@code e} of the workspace {@code workspace}. */
    void failed(Export e, String workspace) {
        String where = page == null ? "the Onsite copy page of your Cairn server" : page;
        String message = "The scheduled export " + e.id() + " of your workspace \"" + workspace + "\" failed on "
                + TIME.format(e.finishedAt()) + " (formats: " + String.join(", ", e.formats()) + "): " + e.error()
                + ". Fix what the reason names, then start an export with \"Export now\" on " + where + ", or wait "
                + "for the next scheduled export; the exports done before are not affected.";
        alerts.raise(e.accountId(), AlertKind.EXPORT_FAILED, workspace, cut(message));
    }

    /** Resolves the workspace's {@code export-failed}, if open, with the successful scheduled export {@code e}. */
    void succeeded(Export e, String workspace) {
        alerts.resolve(e.accountId(), AlertKind.EXPORT_FAILED, workspace, "The scheduled export " + e.id()
                + " of your workspace \"" + workspace + "\" finished on " + TIME.format(e.finishedAt())
                + ": scheduled exports work again.");
    }

    private static String cut(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
