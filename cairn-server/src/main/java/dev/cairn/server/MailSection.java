package dev.cairn.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.server.mail.MailConfig;
import dev.cairn.server.mail.MailSecurity;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The {@code mail:} section of {@code cairn-server.yaml} (docs/server.md): the SMTP relay for invitation emails. The
 * password comes from the file's {@code password} or from the {@code CAIRN_SMTP_PASSWORD} environment variable, not
 * both. Stateless.
 */
final class MailSection {
    static final String PASSWORD_ENV = "CAIRN_SMTP_PASSWORD";
    private static final Set<String> KEYS = Set.of("host", "port", "security", "username", "password", "from",
            "timeout", "trust");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private MailSection() {
    }

    /**
     * @return null when the section is absent or null
     * @throws IllegalArgumentException naming the bad key or value
     */
    static MailConfig parse(JsonNode section, Map<String, String> env) {
        if (section == null || section.isNull()) {
            return null;
        }
        if (!section.isObject()) {
            throw new IllegalArgumentException("mail must be a mapping (host, port, security, username, password, "
                    + "from, timeout, trust)");
        }
        for (Iterator<String> it = section.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key 'mail." + key + "'; known keys: "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        MailSecurity security = MailSecurity.parse(text(section, "security", "starttls"));
        return new MailConfig(text(section, "host", null), port(text(section, "port", null), security), security,
                text(section, "username", ""), password(section, env), text(section, "from", null),
                Units.duration(text(section, "timeout", DEFAULT_TIMEOUT.toMillis() + "ms")), trust(section));
    }

    private static java.nio.file.Path trust(JsonNode section) {
        String path = text(section, "trust", null);
        return path == null || path.isBlank() ? null : java.nio.file.Path.of(path);
    }

    private static String password(JsonNode section, Map<String, String> env) {
        String inFile = text(section, "password", "");
        String fromEnv = env.getOrDefault(PASSWORD_ENV, "");
        if (!inFile.isEmpty() && !fromEnv.isEmpty()) {
            throw new IllegalArgumentException("the relay password is given both as mail.password and in "
                    + PASSWORD_ENV + "; keep one");
        }
        return inFile.isEmpty() ? fromEnv : inFile;
    }

    private static int port(String raw, MailSecurity security) {
        if (raw == null) {
            return security.defaultPort();
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("mail.port '" + raw + "' is not a number", e);
        }
    }

    private static String text(JsonNode section, String key, String fallback) {
        JsonNode node = section.get(key);
        return node == null || node.isNull() ? fallback : node.asText();
    }
}
