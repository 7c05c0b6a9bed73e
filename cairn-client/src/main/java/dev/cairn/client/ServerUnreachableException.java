package dev.cairn.client;

import dev.cairn.blob.BlobStoreException;

/** The server could not be reached at all when a repository was opened (refused, unknown host, timed out). */
public final class ServerUnreachableException extends BlobStoreException {
    private static final long serialVersionUID = 1L;

    public ServerUnreachableException(String hostAndPort, Throwable cause) {
        super("cannot reach the cairn server at " + hostAndPort + " (" + reason(cause) + "); check the address and "
                + "your network, and that the server is running. Nothing was written.", cause);
    }

    private static String reason(Throwable cause) {
        return switch (cause) {
            case java.net.ConnectException c -> "connection refused";
            case java.net.http.HttpConnectTimeoutException t -> "connection timed out";
            case java.net.UnknownHostException u -> "unknown host";
            default -> cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        };
    }
}
