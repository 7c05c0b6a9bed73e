package dev.cairn.server.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Derives the location of a child store from a root location, for every form {@link dev.cairn.blob.BlobStores}
 * accepts: a plain path or {@code file:} URI gets sub-directories; any other URI ({@code s3://bucket/prefix?endpoint=…})
 * gets the segments appended to its path, keeping authority and query. Segments must be single, safe path segments.
 */
public final class StoreLocations {
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):(.*)$", Pattern.DOTALL);
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private StoreLocations() {
    }

    /** The directory of a location that is a plain path or a {@code file:} URI; empty for any other store. */
    public static java.util.Optional<Path> localPath(String location) {
        if (!SCHEME.matcher(location).matches()) {
            return java.util.Optional.of(Path.of(location));
        }
        URI uri = URI.create(location);
        if (!"file".equalsIgnoreCase(uri.getScheme())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(uri.isOpaque() ? Path.of(uri.getSchemeSpecificPart()) : Path.of(uri.getPath()));
    }

    /**
     * The location {@code segments} below {@code root}.
     *
     * @throws IllegalArgumentException for an unsafe segment (a separator, {@code ..}, empty)
     */
    public static String child(String root, List<String> segments) {
        for (String s : segments) {
            if (!SEGMENT.matcher(s).matches() || s.contains("..")) {
                throw new IllegalArgumentException("unsafe store path segment '" + s + "'");
            }
        }
        String joined = String.join("/", segments);
        if (!SCHEME.matcher(root).matches()) {
            return Path.of(root).resolve(joined).toString();
        }
        URI uri = URI.create(root);
        java.util.Optional<Path> local = localPath(root);
        if (local.isPresent()) {
            return local.get().resolve(joined).toString();
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String authority = uri.getRawAuthority() == null ? "" : "//" + uri.getRawAuthority();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return uri.getScheme() + ":" + authority + path + "/" + joined + query;
    }
}
