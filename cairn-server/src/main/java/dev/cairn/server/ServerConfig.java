package dev.cairn.server;

import dev.cairn.server.account.SignupMode;
import dev.cairn.server.auth.PasswordHasher;
import dev.cairn.server.mail.MailConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The server's settings, validated once (see docs/server.md for the file format and defaults). Immutable.
 *
 * @param dataDir              holds the SQLite file, the default local store and upload spool files
 * @param db                   {@code --db} value; empty: SQLite {@code <dataDir>/cairn.db}
 * @param store                {@code --store} location; empty: {@code <dataDir>/store}
 * @param deleteGrace          how long deletes (except lock files) stay recoverable before space is freed; 0: at once
 * @param accountDeletionGrace how long a deleted account's data is kept before it is purged
 * @param publicUrl            the URL users reach the server at; https makes session cookies Secure (may be null)
 * @param mail                 the SMTP relay for invitation emails; null: none (requires {@code publicUrl})
 */
public record ServerConfig(Path dataDir, String listenHost, int listenPort, String db, String store,
        SignupMode signup, Duration deleteGrace, Duration accountDeletionGrace, long maxObjectBytes, String publicUrl,
        Duration shutdownTimeout, Duration reconcileInterval, PasswordHasher.Params passwordHash, MailConfig mail) {

    public ServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("listen port " + listenPort + " must be 0-65535");
        }
        if (deleteGrace.isNegative() || accountDeletionGrace.isNegative() || maxObjectBytes <= 0) {
            throw new IllegalArgumentException("grace periods must be >= 0 and max-object-size > 0");
        }
        if (mail != null && (publicUrl == null || publicUrl.isBlank())) {
            throw new IllegalArgumentException("a mail relay is configured but public-url is not: set public-url to "
                    + "the address users reach this server at, so that links in emails point to it");
        }
    }

    /** Defaults: localhost:8080, SQLite and a local store in {@code dataDir}, open sign-up, no delete grace. */
    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(dataDir, "127.0.0.1", 8080, "", "", SignupMode.OPEN, Duration.ZERO, Duration.ofDays(7),
                64L << 30, null, Duration.ofSeconds(30), Duration.ofHours(24), PasswordHasher.DEFAULT, null);
    }

    /** The effective store location. */
    public String storeLocation() {
        return store == null || store.isBlank() ? dataDir.resolve("store").toString() : store;
    }

    public boolean secureCookies() {
        return publicUrl != null && publicUrl.startsWith("https:");
    }

    public ServerConfig withListen(String host, int port) {
        return new ServerConfig(dataDir, host, port, db, store, signup, deleteGrace, accountDeletionGrace,
                maxObjectBytes, publicUrl, shutdownTimeout, reconcileInterval, passwordHash, mail);
    }

    public ServerConfig withStorage(String newDb, String newStore) {
        return new ServerConfig(dataDir, listenHost, listenPort, newDb, newStore, signup, deleteGrace,
                accountDeletionGrace, maxObjectBytes, publicUrl, shutdownTimeout, reconcileInterval, passwordHash, mail);
    }

    public ServerConfig withDeleteGrace(Duration grace) {
        return new ServerConfig(dataDir, listenHost, listenPort, db, store, signup, grace, accountDeletionGrace,
                maxObjectBytes, publicUrl, shutdownTimeout, reconcileInterval, passwordHash, mail);
    }

    public ServerConfig withAccountDeletionGrace(Duration grace) {
        return new ServerConfig(dataDir, listenHost, listenPort, db, store, signup, deleteGrace, grace, maxObjectBytes,
                publicUrl, shutdownTimeout, reconcileInterval, passwordHash, mail);
    }

    public ServerConfig withPasswordHash(PasswordHasher.Params params) {
        return new ServerConfig(dataDir, listenHost, listenPort, db, store, signup, deleteGrace, accountDeletionGrace,
                maxObjectBytes, publicUrl, shutdownTimeout, reconcileInterval, params, mail);
    }

    public ServerConfig withSignup(SignupMode mode) {
        return new ServerConfig(dataDir, listenHost, listenPort, db, store, mode, deleteGrace, accountDeletionGrace,
                maxObjectBytes, publicUrl, shutdownTimeout, reconcileInterval, passwordHash, mail);
    }

    public ServerConfig withMail(MailConfig relay) {
        return new ServerConfig(dataDir, listenHost, listenPort, db, store, signup, deleteGrace, accountDeletionGrace,
                maxObjectBytes, publicUrl, shutdownTimeout, reconcileInterval, passwordHash, relay);
    }

    public ServerConfig withPublicUrl(String url) {
        return new ServerConfig(dataDir, listenHost, listenPort, db, store, signup, deleteGrace, accountDeletionGrace,
                maxObjectBytes, url, shutdownTimeout, reconcileInterval, passwordHash, mail);
    }
}
