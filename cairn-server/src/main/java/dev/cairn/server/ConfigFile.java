package dev.cairn.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cairn.server.account.SignupMode;
import dev.cairn.server.auth.PasswordHasher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code cairn-server.yaml} (ADR 0006): flat keys, the same names as the command-line flags, plus the
 * {@code mail:} section ({@link MailSection}). Unknown keys are an
 * error, so typos do not pass silently. Values it sets are then overridden by flags.
 */
public final class ConfigFile {
    private static final Set<String> KEYS = Set.of("data-dir", "listen", "db", "store", "signup", "delete-grace",
            "account-deletion-grace", "max-object-size", "public-url", "shutdown-timeout", "reconcile-interval",
            "argon2-memory-kib", "argon2-iterations", "mail");

    private ConfigFile() {
    }

    /** {@link #apply(Path, ServerConfig, Map)} with this process's environment. */
    public static ServerConfig apply(Path file, ServerConfig base) {
        return apply(file, base, System.getenv());
    }

    /**
     * Applies the file's settings to {@code base}; {@code env} may give the mail relay password.
     *
     * @throws IllegalArgumentException naming the file and the bad key or value
     */
    public static ServerConfig apply(Path file, ServerConfig base, Map<String, String> env) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return base;
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("config file " + file + " must be a mapping of key: value");
        }
        try {
            return applyKeys(root, base, env);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config file " + file + ": " + e.getMessage(), e);
        }
    }

    private static ServerConfig applyKeys(JsonNode root, ServerConfig c, Map<String, String> env) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "'; known keys: " + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        String listen = text(root, "listen", c.listenHost() + ":" + c.listenPort());
        HostPort hp = HostPort.parse(listen);
        Long maxObject = Units.size(text(root, "max-object-size", Long.toString(c.maxObjectBytes())));
        return new ServerConfig(Path.of(text(root, "data-dir", c.dataDir().toString())), hp.host(), hp.port(),
                text(root, "db", c.db()), text(root, "store", c.store()),
                SignupMode.parse(text(root, "signup", c.signup().wireName())),
                Units.duration(text(root, "delete-grace", c.deleteGrace().toMillis() + "ms")),
                Units.duration(text(root, "account-deletion-grace", c.accountDeletionGrace().toMillis() + "ms")),
                maxObject == null ? Long.MAX_VALUE : maxObject, text(root, "public-url", c.publicUrl()),
                Units.duration(text(root, "shutdown-timeout", c.shutdownTimeout().toMillis() + "ms")),
                Units.duration(text(root, "reconcile-interval", c.reconcileInterval().toMillis() + "ms")),
                new PasswordHasher.Params(
                        Integer.parseInt(text(root, "argon2-memory-kib", Integer.toString(c.passwordHash().memoryKib()))),
                        Integer.parseInt(text(root, "argon2-iterations", Integer.toString(c.passwordHash().iterations()))),
                        1),
                root.has("mail") ? MailSection.parse(root.get("mail"), env) : c.mail());
    }

    private static String text(JsonNode root, String key, String fallback) {
        JsonNode node = root.get(key);
        return node == null || node.isNull() ? fallback : node.asText();
    }
}
