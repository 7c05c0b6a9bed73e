package dev.cairn.server.web;

import dev.cairn.server.error.ServiceException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The UI's static files, served from the classpath under {@code /static/{file}}: htmx from its webjar and the style
 * sheet. Every file name carries its version or content hash, so responses may be cached for a year
 * ({@code immutable}); a new release changes the names the pages link to. Only the listed files are served, so the
 * route can never be used to read other classpath resources. Immutable, thread-safe.
 */
public final class Assets {
    static final String HTMX_VERSION = "2.0.10";
    private static final String HTMX_RESOURCE = "META-INF/resources/webjars/htmx.org/" + HTMX_VERSION + "/dist/htmx.min.js";
    private static final String CSS_RESOURCE = "dev/cairn/server/web/cairn.css";
    private static final String JS_RESOURCE = "dev/cairn/server/web/cairn.js";
    private static final String ICON_RESOURCE = "dev/cairn/server/web/favicon.svg";
    private static final String LONG_CACHE = "public, max-age=31536000, immutable";

    private final Map<String, Asset> files;
    private final Paths paths;
    private final byte[] icon;
    private static final String ICON_TYPE = "image/svg+xml";

    /** Where the layout links to; the names change whenever the content does. */
    public record Paths(String htmx, String css, String js, String icon) {
    }

    private record Asset(byte[] bytes, String contentType) {
    }

    /** @throws IllegalStateException if a bundled file is missing from the classpath (a packaging error) */
    public Assets() {
        byte[] htmx = load(HTMX_RESOURCE);
        byte[] css = load(CSS_RESOURCE);
        String htmxName = "htmx-" + HTMX_VERSION + ".min.js";
        String cssName = "cairn-" + shortHash(css) + ".css";
        byte[] js = load(JS_RESOURCE);
        this.icon = load(ICON_RESOURCE);
        String jsName = "cairn-" + shortHash(js) + ".js";
        String iconName = "favicon-" + shortHash(icon) + ".svg";
        this.files = Map.of(htmxName, new Asset(htmx, "text/javascript; charset=utf-8"),
                cssName, new Asset(css, "text/css; charset=utf-8"), jsName,
                new Asset(js, "text/javascript; charset=utf-8"), iconName, new Asset(icon, ICON_TYPE));
        this.paths = new Paths("/static/" + htmxName, "/static/" + cssName, "/static/" + jsName, "/static/" + iconName);
    }

    /** {@code GET /favicon.ico}: the icon (an SVG; browsers go by the content type), cached for a day. */
    public void favicon(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=86400");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType(ICON_TYPE).result(icon);
    }

    public Paths paths() {
        return paths;
    }

    /** {@code GET /static/{file}}: the file with a one-year cache header, or 404. */
    public void serve(Context ctx) {
        Asset asset = files.get(ctx.pathParam("file"));
        if (asset == null) {
            throw ServiceException.notFound("no static file '" + ctx.pathParam("file") + "'");
        }
        ctx.header("Cache-Control", LONG_CACHE);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType(asset.contentType()).result(asset.bytes());
    }

    private static byte[] load(String resource) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("web UI file " + resource + " is missing from the classpath; "
                        + "rebuild the server (the htmx webjar or the style sheet was not packaged)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shortHash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
