package dev.cairn.server.db;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the metadata database is, parsed from the {@code --db} value. Accepted forms: empty (SQLite file
 * {@code cairn.db} in the data directory), {@code sqlite:PATH}, {@code jdbc:sqlite:PATH}, a path ending in {@code .db},
 * {@code postgresql://user:pass@host:port/db} (also {@code postgres://}), and {@code jdbc:postgresql:...} URLs.
 * {@link #toString()} never shows the password.
 */
public record DbTarget(Dialect dialect, String jdbcUrl, String user, String password) {

    /**
     * Parses {@code value}; relative SQLite paths are resolved against {@code dataDir}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static DbTarget parse(String value, Path dataDir) {
        if (value == null || value.isBlank()) {
            return sqlite(dataDir.resolve("cairn.db"));
        }
        if (value.startsWith("jdbc:sqlite:")) {
            return sqlite(dataDir.resolve(value.substring("jdbc:sqlite:".length())));
        }
        if (value.startsWith("sqlite:")) {
            return sqlite(dataDir.resolve(value.substring("sqlite:".length())));
        }
        if (value.startsWith("jdbc:postgresql:")) {
            return new DbTarget(Dialect.POSTGRES, value, null, null);
        }
        if (value.startsWith("postgresql://") || value.startsWith("postgres://")) {
            return postgres(URI.create(value));
        }
        if (value.endsWith(".db") || value.endsWith(".sqlite")) {
            return sqlite(dataDir.resolve(value));
        }
        throw new IllegalArgumentException("unsupported database '" + redact(value) + "'; use a SQLite file (sqlite:PATH or "
                + "a path ending in .db) or postgresql://user:password@host:port/database");
    }

    private static DbTarget sqlite(Path file) {
        return new DbTarget(Dialect.SQLITE, "jdbc:sqlite:" + file.toAbsolutePath().normalize(), null, null);
    }

    private static DbTarget postgres(URI uri) {
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("PostgreSQL location needs a host and a database: "
                    + "postgresql://user:password@host:port/database");
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new DbTarget(Dialect.POSTGRES, "jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query,
                user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String redact(String value) {
        return value.replaceAll("://([^:@/]*):[^@/]*@", "://$1:***@");
    }

    @Override
    public String toString() {
        return dialect + " " + redact(jdbcUrl) + (user == null ? "" : " as " + user);
    }
}
