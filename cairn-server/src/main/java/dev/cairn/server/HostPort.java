package dev.cairn.server;

/** A listen address {@code host:port} ({@code [::1]:8080} for IPv6; a bare port means 127.0.0.1). */
public record HostPort(String host, int port) {

    /** @throws IllegalArgumentException with the expected form */
    public static HostPort parse(String text) {
        String t = text.strip();
        int colon = t.lastIndexOf(':');
        try {
            if (colon < 0) {
                return new HostPort("127.0.0.1", Integer.parseInt(t));
            }
            String host = t.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new HostPort(host.isEmpty() ? "0.0.0.0" : host, Integer.parseInt(t.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("listen address '" + text + "' is invalid; write HOST:PORT, e.g. 127.0.0.1:8080");
        }
    }

    /** Whether {@code host} (a literal address or {@code localhost}) is this machine only; a name is never loopback. */
    public static boolean isLoopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        try {
            return java.net.InetAddress.ofLiteral(host).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
