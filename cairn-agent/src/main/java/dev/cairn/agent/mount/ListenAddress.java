package dev.cairn.agent.mount;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where the server listens: {@code HOST:PORT} as given to {@code --listen} ({@code [::1]:PORT} for IPv6 literals), port 0
 * for any free port.
 */
public record ListenAddress(String host, int port) {
    /** The default: loopback only, on a port named after the WebDAV RFC. */
    public static final ListenAddress DEFAULT = new ListenAddress("127.0.0.1", 4918);

    public ListenAddress {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range; use 1-65535, or 0 for any free port");
        }
    }

    /**
     * Parses {@code HOST:PORT}.
     *
     * @throws IllegalArgumentException naming the expected form
     */
    public static ListenAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (colon < 0 || host.isEmpty()) {
            throw new IllegalArgumentException("--listen takes HOST:PORT such as 127.0.0.1:4918, not '" + text + "'");
        }
        try {
            return new ListenAddress(host, Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--listen takes HOST:PORT such as 127.0.0.1:4918; '" + text.substring(colon + 1)
                    + "' is not a port number", e);
        }
    }

    /** The address to bind. @throws UnknownHostException if the host name does not resolve */
    public InetSocketAddress socketAddress() throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    /** Whether only this machine can connect (127.0.0.0/8, ::1, or a name resolving to them). */
    public boolean loopback() throws UnknownHostException {
        return InetAddress.getByName(host).isLoopbackAddress();
    }
}
