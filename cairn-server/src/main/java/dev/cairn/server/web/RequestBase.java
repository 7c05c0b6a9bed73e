package dev.cairn.server.web;

import io.javalin.http.Context;

/** Where a request reached the server. Stateless. */
public final class RequestBase {
    private RequestBase() {
    }

    /**
     * {@code scheme://host[:port]} as this request reached the server ({@code localhost} without a Host header): the
     * base of links shown to the member who asked when no public URL is configured. A forged Host header only misleads
     * its own sender; links that leave the server (emails) must use the configured public URL instead.
     */
    public static String of(Context ctx) {
        return ctx.scheme() + "://" + (ctx.host() == null ? "localhost" : ctx.host());
    }
}
