package dev.cairn.server.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Request paths as logs may show them, matched by a route or not. A share link's token is its only credential, so
 * the segment after a {@code share} segment becomes {@code {token}}, however the path is spelled (doubled slashes,
 * percent-encoding, upper case, {@code ;parameters}). Long paths are cut, and characters outside printable ASCII are
 * escaped, so a path cannot forge or flood log lines. Stateless.
 */
final class LoggedPaths {
    /** Longest path a log line shows, in characters. */
    static final int MAX_LENGTH = 256;
    static final String REDACTED = "{token}";

    private LoggedPaths() {
    }

    /** {@code rawPath} (the request URI's path, not decoded) with secrets replaced; see the class comment. */
    static String loggable(String rawPath) {
        if (rawPath == null) {
            return "";
        }
        String[] segments = rawPath.split("/", -1);
        boolean secretNext = false;
        for (int i = 0; i < segments.length; i++) {
            if (secretNext && !segments[i].isEmpty()) {
                segments[i] = REDACTED;
                secretNext = false;
            } else if ("share".equals(plain(segments[i]))) {
                secretNext = true;
            }
        }
        String path = String.join("/", segments);
        return printable(path.length() > MAX_LENGTH ? path.substring(0, MAX_LENGTH) + "..." : path);
    }

    /** A segment as a router would compare it: decoded, without {@code ;parameters}, in lower case. */
    private static String plain(String segment) {
        String decoded;
        try {
            decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = segment;
        }
        int parameters = decoded.indexOf(';');
        return (parameters < 0 ? decoded : decoded.substring(0, parameters)).toLowerCase(Locale.ROOT);
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
