package dev.cairn.workspace.web;

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
 * The workspace pages' own static files (the table grid's script and style sheet), served from the classpath under
 * {@code /static/workspace/{file}} as the platform serves its own: each name carries its content hash, so responses
 * are cached for a year, and only the listed files are served. Immutable, thread-safe.
 */
public final class WsAssets {
    /** The route of the files. */
    static final String ROUTE = "/static/workspace/{file}";
    private static final String DIR = "dev/cairn/workspace/web/";
    private static final String LONG_CACHE = "public, max-age=31536000, immutable";

    private final Map<String, Asset> files;
    private final Paths paths;

    /** Where the grid's page links to; the names change whenever the content does. */
    public record Paths(String js, String css) {
    }

    private record Asset(byte[] bytes, String contentType) {
    }

    /** @throws IllegalStateException if a file is missing from the classpath (a packaging error) */
    WsAssets() {
        byte[] js = load("grid.js");
        byte[] css = load("grid.css");
        String jsName = "grid-" + shortHash(js) + ".js";
        String cssName = "grid-" + shortHash(css) + ".css";
        this.files = Map.of(jsName, new Asset(js, "text/javascript; charset=utf-8"), cssName,
                new Asset(css, "text/css; charset=utf-8"));
        String base = ROUTE.replace("{file}", "");
        this.paths = new Paths(base + jsName, base + cssName);
    }

    Paths paths() {
        return paths;
    }

    /** {@code GET /static/workspace/{file}}: the file with a one-year cache header, or 404. */
    void serve(Context ctx) {
        Asset asset = files.get(ctx.pathParam("file"));
        if (asset == null) {
            throw ServiceException.notFound("no static file '" + ctx.pathParam("file") + "'");
        }
        ctx.header("Cache-Control", LONG_CACHE);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType(asset.contentType()).result(asset.bytes());
    }

    private static byte[] load(String name) {
        try (InputStream in = WsAssets.class.getClassLoader().getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("web UI file " + DIR + name + " is missing from the classpath; "
                        + "rebuild the workspace module");
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
