package dev.cairn.server.web;

import dev.cairn.protocol.Problem.FieldError;
import dev.cairn.server.alerts.AlertSettings;
import dev.cairn.server.alerts.Monitoring;
import dev.cairn.server.alerts.SettingsStore;
import dev.cairn.server.auth.DeviceService;
import dev.cairn.server.auth.Principal;
import dev.cairn.server.error.ValidationException;
import io.javalin.http.Context;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alerts page ({@code /alerts}): where alerts go (email, a webhook with its secret), how often an open one repeats,
 * after how many days without a backup each device alerts, the open incidents and the delivery log. Forms post back
 * (CSRF) and redirect; refused values are shown on their fields, and nothing is saved then. Thread-safe.
 */
public final class AlertPages {
    static final int LOG_ROWS = 30;
    private final Pages pages;
    private final Monitoring monitoring;
    private final DeviceService devices;

    AlertPages(Pages pages, Monitoring monitoring, DeviceService devices) {
        this.pages = pages;
        this.monitoring = monitoring;
        this.devices = devices;
    }

    /** {@code GET /alerts} */
    public void page(Context ctx) {
        show(ctx, 200, null, Notices.of(ctx.queryParam("done")));
    }

    /** {@code POST /alerts}: fields {@code email} (checkbox), {@code webhookUrl}, {@code webhookSecret}, {@code repeatHours}. */
    public void save(Context ctx) {
        Principal p = pages.principal(ctx);
        Forms form = Forms.of(ctx, "email", "webhookUrl", "repeatHours");
        int hours;
        try {
            hours = Integer.parseInt(form.value("repeatHours").strip());
        } catch (NumberFormatException e) {
            show(ctx, 422, form.error("repeatHours", "Write a number of hours, 0 (never) to "
                    + SettingsStore.MAX_REPEAT_HOURS + "."), null);
            return;
        }
        try {
            monitoring.settings().put(p.accountId(), Forms.field(ctx, "email") != null, form.value("webhookUrl"),
                    Forms.field(ctx, "webhookSecret"), hours);
        } catch (ValidationException e) {
            show(ctx, 422, withErrors(form, e), null);
            return;
        }
        Pages.seeOther(ctx, "/alerts?done=alerts");
    }

    /** {@code POST /alerts/devices}: fields {@code device} and {@code noBackupDays}. */
    public void saveDevice(Context ctx) {
        Principal p = pages.principal(ctx);
        String device = Forms.field(ctx, "device");
        String days = Forms.field(ctx, "noBackupDays");
        Forms form = Forms.empty();
        try {
            monitoring.settings().putNoBackupDays(p.accountId(), device, Integer.parseInt(days == null ? ""
                    : days.strip()));
        } catch (NumberFormatException | ValidationException e) {
            show(ctx, 422, form.error("noBackupDays:" + device, "Write a number of days, 0 (never) to "
                    + SettingsStore.MAX_NO_BACKUP_DAYS + ".").value("noBackupDays:" + device, days), null);
            return;
        }
        Pages.seeOther(ctx, "/alerts?done=device-alerts");
    }

    private static Forms withErrors(Forms form, ValidationException e) {
        for (FieldError error : e.errors()) {
            form.error(error.field(), Format.sentence(error.message()));
        }
        return form;
    }

    private void show(Context ctx, int status, Forms form, String notice) {
        long account = pages.principal(ctx).accountId();
        AlertSettings settings = monitoring.settings().get(account);
        Forms shown = form != null ? form : Forms.empty().value("webhookUrl", settings.webhookUrl() == null ? ""
                : settings.webhookUrl()).value("repeatHours", Integer.toString(settings.repeatHours()));
        pages.render(ctx, status, "alerts.jte", pages.chrome(ctx, "Alerts", Chrome.ALERTS), "settings", settings,
                "form", shown, "notice", notice, "devices", deviceDays(account),
                "open", monitoring.alerts().openIncidents(account),
                "deliveries", monitoring.alerts().recentDeliveries(account, LOG_ROWS));
    }

    /** Every device the account knows (signed in, reported runs, or with a setting) with its threshold in days. */
    private Map<String, Integer> deviceDays(long account) {
        Map<String, Integer> own = monitoring.settings().deviceSettings(account);
        Map<String, Integer> days = new TreeMap<>();
        devices.list(account).forEach(d -> days.put(d.name(), SettingsStore.DEFAULT_NO_BACKUP_DAYS));
        monitoring.runs().lastSuccessfulBackups(account).keySet()
                .forEach(d -> days.put(d, SettingsStore.DEFAULT_NO_BACKUP_DAYS));
        days.putAll(own);
        return days;
    }
}
