package dev.cairn.workspace.http;

import dev.cairn.server.web.RequestBase;
import io.javalin.http.Context;

/** The URL of a share link. Stateless. */
public final class ShareLinks {
    /** The path prefix of the public share pages. */
    public static final String PREFIX = "/share/";

    private ShareLinks() {
    }

    /**
     * {@code <base>/share/<token>}: the base is the server's configured public URL, or else the scheme and host this
     * request reached the server at (the link is shown only to the member who asked, so a forged Host header only
     * misleads its sender).
     */
    public static String url(Context ctx, String publicUrl, String token) {
        String base = publicUrl != null && !publicUrl.isBlank() ? publicUrl.strip()
                : RequestBase.of(ctx);
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + PREFIX + token;
    }
}
