package dev.cairn.server.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The SMTP relay the server sends through (the {@code mail:} section of the config file, docs/server.md). Validated
 * when built. {@link #toString()} never shows the password.
 *
 * @param username empty: no authentication
 * @param password the relay password (from the file or {@code CAIRN_SMTP_PASSWORD}); empty without a username
 * @param from     the sender, {@code address} or {@code Name <address>}
 * @param timeout  bounds connecting, each read and each write, and how long a request waits for a send to finish
 * @param trust    PEM file of the certificates (a private CA, or the relay's own) that the relay's certificate must chain
 *                 to, instead of the JVM's default trust store; null: the default. The host name is checked either way
 */
public record MailConfig(String host, int port, MailSecurity security, String username, String password, String from,
        Duration timeout, Path trust) {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1");

    public MailConfig {
        Objects.requireNonNull(security, "security");
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        if (host == null || host.isBlank() || host.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("mail.host: give the SMTP relay's host name");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("mail.port " + port + " must be 1-65535");
        }
        if (username.isEmpty() != password.isEmpty()) {
            throw new IllegalArgumentException("mail: give both a username and a password (mail.password or the "
                    + "CAIRN_SMTP_PASSWORD environment variable), or neither");
        }
        if (!username.isEmpty() && security == MailSecurity.NONE && !LOOPBACK.contains(host)) {
            throw new IllegalArgumentException("mail.security none would send the relay password in clear text to "
                    + host + "; use starttls or tls");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("mail.timeout must be between 1ms and 1m (a request waits this long)");
        }
        if (trust != null && security == MailSecurity.NONE) {
            throw new IllegalArgumentException("mail.trust is for a TLS relay; it has no use with mail.security none");
        }
        checkFrom(from);
    }

    /** A relay whose certificate the JVM's default trust store vouches for. */
    public MailConfig(String host, int port, MailSecurity security, String username, String password, String from,
            Duration timeout) {
        this(host, port, security, username, password, from, timeout, null);
    }

    private static void checkFrom(String from) {
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("mail.from: give the sender address, e.g. 'Cairn <cairn@example.com>'");
        }
        try {
            new InternetAddress(from, true).validate();
        } catch (AddressException e) {
            throw new IllegalArgumentException("mail.from '" + from + "' is not an email address: " + e.getMessage(), e);
        }
    }

    public boolean authenticates() {
        return !username.isEmpty();
    }

    @Override
    public String toString() {
        return "MailConfig[" + security.wireName() + "://" + host + ":" + port + ", user=" + username + ", password="
                + (password.isEmpty() ? "none" : "***") + ", from=" + from + ", timeout=" + timeout
                + (trust == null ? "" : ", trust=" + trust) + "]";
    }
}
