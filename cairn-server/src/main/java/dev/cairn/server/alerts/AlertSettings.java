package dev.cairn.server.alerts;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Where an account's alerts go and how often an open one repeats: by email to the account's address ({@code email}),
 * to a webhook ({@code webhookUrl}, signed with {@code webhookSecret}; both null when there is none), again every
 * {@code repeatHours} while open (0: never). The secret is never returned by the API ({@link #hasSecret} instead).
 */
public record AlertSettings(boolean email, String webhookUrl, @JsonIgnore String webhookSecret, int repeatHours) {
    public static final int DEFAULT_REPEAT_HOURS = 24;
    public static final AlertSettings DEFAULTS = new AlertSettings(true, null, null, DEFAULT_REPEAT_HOURS);

    @com.fasterxml.jackson.annotation.JsonProperty("webhookSecretSet")
    public boolean hasSecret() {
        return webhookSecret != null;
    }

    @JsonIgnore
    public boolean hasWebhook() {
        return webhookUrl != null && webhookSecret != null;
    }
}
