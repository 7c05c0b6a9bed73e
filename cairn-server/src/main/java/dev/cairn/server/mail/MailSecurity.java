package dev.cairn.server.mail;

import java.util.Arrays;
import java.util.Locale;

/** How the connection to the SMTP relay is protected. */
public enum MailSecurity {
    /** Plain connection upgraded with STARTTLS; the upgrade is required (no silent fallback to clear text). Port 587. */
    STARTTLS(587),
    /** TLS from the first byte ("implicit TLS", SMTPS). Port 465. */
    TLS(465),
    /** No encryption: only for a relay on the same host or a trusted network. Port 25. */
    NONE(25);

    private final int defaultPort;

    MailSecurity(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static MailSecurity parse(String raw) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(raw)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("mail.security '" + raw
                        + "' is not one of starttls, tls, none"));
    }
}
