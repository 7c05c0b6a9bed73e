package dev.cairn.server.http;

import dev.cairn.server.alerts.AlertService;
import dev.cairn.server.alerts.AlertSettings;
import dev.cairn.server.alerts.SettingsStore;
import dev.cairn.server.auth.Principal;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** The account's alert settings, open incidents and delivery log (docs/spec/http-api.md section 14.2). */
final class AlertHandlers {
    private final AlertService alerts;
    private final SettingsStore settings;

    AlertHandlers(AlertService alerts, SettingsStore settings) {
        this.alerts = alerts;
        this.settings = settings;
    }

    /** The body of {@code PUT /api/v1/account/alerts}; absent members keep their defaults (secret: the saved one). */
    record SettingsRequest(Boolean email, String webhookUrl, String webhookSecret, Integer repeatHours) {
    }

    /** The body of {@code PUT /api/v1/account/alerts/devices/{device}}. */
    record DeviceRequest(Integer noBackupDays) {
    }

    /** {@code GET /api/v1/account/alerts} */
    void get(Context ctx) {
        Json.write(ctx, 200, view(Requests.principal(ctx).accountId(), null));
    }

    /** {@code PUT /api/v1/account/alerts} */
    void put(Context ctx) {
        Principal p = Requests.principal(ctx);
        SettingsRequest r = Json.read(ctx, SettingsRequest.class);
        AlertSettings saved = settings.put(p.accountId(), r.email() == null || r.email(), r.webhookUrl(),
                r.webhookSecret(), r.repeatHours() == null ? AlertSettings.DEFAULT_REPEAT_HOURS : r.repeatHours());
        Json.write(ctx, 200, view(p.accountId(), saved));
    }

    /** {@code PUT /api/v1/account/alerts/devices/{device}} */
    void putDevice(Context ctx) {
        Principal p = Requests.principal(ctx);
        DeviceRequest r = Json.read(ctx, DeviceRequest.class);
        settings.putNoBackupDays(p.accountId(), ctx.pathParam("device"), r.noBackupDays() == null
                ? SettingsStore.DEFAULT_NO_BACKUP_DAYS : r.noBackupDays());
        Json.write(ctx, 200, view(p.accountId(), null));
    }

    /** {@code GET /api/v1/account/alerts/deliveries}: the latest 100 messages, newest first. */
    void deliveries(Context ctx) {
        Json.write(ctx, 200, Map.of("deliveries", alerts.recentDeliveries(Requests.principal(ctx).accountId(), 100)));
    }

    private Map<String, Object> view(long accountId, AlertSettings saved) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("settings", saved == null ? settings.get(accountId) : saved);
        body.put("devices", settings.deviceSettings(accountId));
        body.put("defaultNoBackupDays", SettingsStore.DEFAULT_NO_BACKUP_DAYS);
        body.put("open", alerts.openIncidents(accountId));
        return body;
    }
}
