package dev.cairn.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * The one place that turns a failed connection to a cairn server into words: "connection refused: is the server at
 * HOST:PORT running?" rather than the JDK's bare {@code java.net.ConnectException} (found by the reliability harness's
 * server-killed fault, issue 21). Contract: never returns a Java class name for the failures it knows; for others it
 * returns the exception's message, or its simple class name when there is none.
 */
public final class NetworkErrors {
    private NetworkErrors() {
    }

    /** Why talking to the server at {@code hostAndPort} failed with {@code e}, in the user's words. */
    public static String describe(Throwable e, String hostAndPort) {
        Throwable t = rootCause(e);
        return switch (t) {
            case ConnectException c -> "connection refused: is the server at " + hostAndPort + " running?";
            case HttpConnectTimeoutException c -> "connection to " + hostAndPort + " timed out: is the server running "
                    + "and reachable from here?";
            case HttpTimeoutException c -> "the server at " + hostAndPort + " did not answer in time";
            case UnknownHostException u -> "unknown host " + hostAndPort + ": check the address";
            case UnresolvedAddressException u -> "unknown host " + hostAndPort + ": check the address";
            case NoRouteToHostException n -> "no route to " + hostAndPort + ": check the address and your network";
            default -> hostAndPort + ": " + (t.getMessage() == null || t.getMessage().isBlank()
                    ? t.getClass().getSimpleName() : t.getMessage());
        };
    }

    /** The innermost cause that is still a connection failure of a known kind, else {@code e} itself. */
    private static Throwable rootCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpTimeoutException || t instanceof UnknownHostException
                    || t instanceof UnresolvedAddressException || t instanceof NoRouteToHostException) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return e;
    }

    /** {@link #describe} for an {@link IOException} raised while doing {@code what}. */
    static String failed(String what, IOException e, String hostAndPort) {
        return what + " failed: " + describe(e, hostAndPort);
    }
}
