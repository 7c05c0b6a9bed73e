package dev.cairn.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A repository on a cairn server as users write it: {@code https://HOST[:PORT]/REPO} (or {@code http://} for a loopback
 * address, or anywhere with {@code insecureHttp}). {@link #server()} is the base URI of the API, {@link #key()} the
 * scheme, host and port that saved credentials are kept under. Immutable.
 *
 * @param server the server's base URI, ending in {@code /}
 * @param repo   the repository's name on the server (null for a bare server address, as {@code cairn login} takes)
 */
public record ServerLocation(URI server, String repo) {
    private static final Pattern REPO = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** Whether {@code location} names a server ({@code http:} or {@code https:}). */
    public static boolean isServer(String location) {
        String lower = location == null ? "" : location.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /**
     * Parses a repository location; {@code insecureHttp} allows plain http to a host that is not a loopback address.
     *
     * @throws IllegalArgumentException naming what is wrong and the form expected
     */
    public static ServerLocation repository(String location, boolean insecureHttp) {
        ServerLocation parsed = parse(location, insecureHttp);
        if (parsed.repo == null) {
            throw new IllegalArgumentException(location + " names a server but no repository; use "
                    + parsed.server + "REPO (the repository's name on the server, e.g. laptop)");
        }
        return parsed;
    }

    /** Parses a server address ({@code https://HOST[:PORT]}, a path after it is ignored), as for {@code cairn login}. */
    public static ServerLocation server(String location, boolean insecureHttp) {
        ServerLocation parsed = parse(location, insecureHttp);
        return new ServerLocation(parsed.server, null);
    }

    private static ServerLocation parse(String location, boolean insecureHttp) {
        if (!isServer(location)) {
            throw new IllegalArgumentException(location + " is not a server address; use https://HOST[:PORT]/REPO");
        }
        URI uri = URI.create(location.strip());
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
            throw new IllegalArgumentException(location + ": use https://HOST[:PORT]/REPO, without user, password or query "
                    + "(the credential comes from cairn login, --token-file or CAIRN_TOKEN)");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http") && !insecureHttp && !loopback(uri.getHost())) {
            throw new IllegalArgumentException("refusing plain http to " + uri.getHost() + ": the token would cross the "
                    + "network unencrypted; use https://, or --insecure-http if you really mean it");
        }
        URI server = URI.create(scheme + "://" + uri.getRawAuthority() + "/");
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        if (path.isEmpty()) {
            return new ServerLocation(server, null);
        }
        if (!REPO.matcher(path).matches()) {
            throw new IllegalArgumentException("'" + path + "' is not a repository name: lower-case letters, digits, "
                    + "'.', '_' and '-', at most 64, starting with a letter or digit");
        }
        return new ServerLocation(server, path);
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return (h.matches("[0-9.]+") || h.contains(":")) && InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code scheme://host:port} with the default port filled in: what saved credentials are keyed by. */
    public String key() {
        int port = server.getPort() != -1 ? server.getPort() : server.getScheme().equals("https") ? 443 : 80;
        return server.getScheme() + "://" + server.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** {@code HOST:PORT} (or just HOST with the default port), for messages. */
    public String hostAndPort() {
        return server.getRawAuthority();
    }

    /** The server's base address as users write it, e.g. {@code https://backup.example.com}. */
    public String serverAddress() {
        return server.getScheme() + "://" + server.getRawAuthority();
    }

    @Override
    public String toString() {
        return serverAddress() + "/" + (repo == null ? "" : repo);
    }
}
