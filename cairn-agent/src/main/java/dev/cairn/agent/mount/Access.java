package dev.cairn.agent.mount;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/**
 * Who may ask: with a password, only requests carrying HTTP Basic credentials {@code cairn:PASSWORD}; on a loopback-only
 * server, only requests whose {@code Host} names this machine (so a web page cannot reach the server through DNS
 * rebinding: the browser would send the attacker's host name).
 *
 * @param password null for none
 */
record Access(String password, boolean loopbackOnly) {
    static final String USER = "cairn";

    /** Null if the request may proceed, else the status to refuse it with (401 or 403). */
    Integer refusal(HttpExchange exchange) {
        if (loopbackOnly && !localHost(exchange.getRequestHeaders().getFirst("Host"))) {
            return 403;
        }
        if (password != null && !authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return 401;
        }
        return null;
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = (USER + ":" + password).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }

    /** Whether a Host header names this machine: localhost, 127.x.y.z or [::1], with any port. */
    static boolean localHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            return h.startsWith("[::1]");
        }
        int colon = h.indexOf(':');
        String name = colon < 0 ? h : h.substring(0, colon);
        return name.equals("localhost") || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
