package dev.cairn.server.alerts;

import dev.cairn.protocol.Problem.FieldError;
import dev.cairn.server.error.ValidationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Alert settings of accounts and devices: validated on the way in (every problem named with its field), defaults when
 * nothing was saved ({@link AlertSettings#DEFAULTS}; {@link #DEFAULT_NO_BACKUP_DAYS} per device). Thread-safe.
 */
public final class SettingsStore {
    public static final int DEFAULT_NO_BACKUP_DAYS = 3;
    public static final int MAX_NO_BACKUP_DAYS = 365;
    public static final int MAX_REPEAT_HOURS = 24 * 30;
    public static final int MIN_SECRET = 16;

    private final Jdbi jdbi;

    public SettingsStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public AlertSettings get(long accountId) {
        return jdbi.withHandle(h -> get(h, accountId));
    }

    /** The account's settings, read in the caller's handle. */
    static AlertSettings get(org.jdbi.v3.core.Handle h, long accountId) {
        return h.createQuery("SELECT * FROM alert_settings WHERE account_id = :a").bind("a", accountId)
                .map((rs, ctx) -> new AlertSettings(rs.getInt("email") != 0, rs.getString("webhook_url"),
                        rs.getString("webhook_secret"), rs.getInt("repeat_hours")))
                .findOne().orElse(AlertSettings.DEFAULTS);
    }

    /**
     * Saves the account's settings. A blank URL removes the webhook; a null secret with a URL keeps the saved one.
     *
     * @throws ValidationException for a URL that is not http(s), a missing or short secret, or a repeat out of range
     */
    public AlertSettings put(long accountId, boolean email, String webhookUrl, String webhookSecret, int repeatHours) {
        List<FieldError> errors = new ArrayList<>();
        String url = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.strip();
        String secret = webhookSecret == null || webhookSecret.isBlank() ? null : webhookSecret.strip();
        if (url != null && !isHttpUrl(url)) {
            errors.add(new FieldError("webhookUrl", "must be an http:// or https:// URL of at most 2,000 characters"));
        }
        if (url != null && secret == null) {
            secret = get(accountId).webhookSecret();
            if (secret == null) {
                errors.add(new FieldError("webhookSecret", "is required with a webhook URL (at least " + MIN_SECRET
                        + " characters; the receiver checks X-Cairn-Signature with it)"));
            }
        } else if (secret != null && (secret.length() < MIN_SECRET || secret.length() > 200)) {
            errors.add(new FieldError("webhookSecret", "must be " + MIN_SECRET + "-200 characters"));
        }
        if (repeatHours < 0 || repeatHours > MAX_REPEAT_HOURS) {
            errors.add(new FieldError("repeatHours", "must be 0 (never) to " + MAX_REPEAT_HOURS + " hours"));
        }
        ValidationException.throwIfAny(errors, "the alert settings were not saved");
        String savedSecret = url == null ? null : secret;
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO alert_settings (account_id, email, webhook_url, webhook_secret, "
                + "repeat_hours) VALUES (:a, :e, :u, :s, :r) ON CONFLICT (account_id) DO UPDATE SET email = "
                + "excluded.email, webhook_url = excluded.webhook_url, webhook_secret = excluded.webhook_secret, "
                + "repeat_hours = excluded.repeat_hours").bind("a", accountId).bind("e", email ? 1 : 0)
                .bind("u", url).bind("s", savedSecret).bind("r", repeatHours).execute());
        return get(accountId);
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return url.length() <= 2000 && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The days without a successful backup after which {@code device} alerts (0: never). */
    public int noBackupDays(long accountId, String device) {
        return deviceSettings(accountId).getOrDefault(device, DEFAULT_NO_BACKUP_DAYS);
    }

    /** The devices with a setting of their own, by name. */
    public Map<String, Integer> deviceSettings(long accountId) {
        Map<String, Integer> out = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT device, no_backup_days FROM device_alert_settings WHERE account_id = "
                + ":a ORDER BY device").bind("a", accountId).map((rs, ctx) -> out.put(rs.getString("device"),
                        rs.getInt("no_backup_days"))).list());
        return out;
    }

    /**
     * Sets after how many days without a successful backup {@code device} alerts.
     *
     * @throws ValidationException for a blank or long name, or days outside 0-{@link #MAX_NO_BACKUP_DAYS}
     */
    public void putNoBackupDays(long accountId, String device, int days) {
        List<FieldError> errors = new ArrayList<>();
        String name = device == null ? "" : device.strip();
        if (name.isEmpty() || name.length() > 200) {
            errors.add(new FieldError("device", "must be 1-200 characters"));
        }
        if (days < 0 || days > MAX_NO_BACKUP_DAYS) {
            errors.add(new FieldError("noBackupDays", "must be 0 (never alert) to " + MAX_NO_BACKUP_DAYS + " days"));
        }
        ValidationException.throwIfAny(errors, "the device's alert setting was not saved");
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO device_alert_settings (account_id, device, no_backup_days) "
                + "VALUES (:a, :d, :n) ON CONFLICT (account_id, device) DO UPDATE SET no_backup_days = "
                + "excluded.no_backup_days").bind("a", accountId).bind("d", name).bind("n", days).execute());
    }
}
