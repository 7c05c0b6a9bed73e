package dev.cairn.blob;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a store from a location string, as users write it in configuration and on the command line:
 * a plain path ({@code /srv/backup}, {@code backup}, {@code C:\backup}) or a {@code file:} URI opens a
 * {@link LocalBlobStore}; any other {@code scheme:} is looked up among the {@link BlobStoreProvider}s on the class path.
 *
 * <p>Providers are found with {@link ServiceLoader} on every call (opening a store is rare). Thread-safe.
 */
public final class BlobStores {
    /** A scheme has at least two characters, so a Windows drive letter ({@code C:}) reads as a path. */
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):(.*)$", Pattern.DOTALL);

    private BlobStores() {
    }

    /**
     * Opens the existing store at {@code location}.
     *
     * @throws IllegalArgumentException if the location is blank or malformed, or its scheme has no provider (the message
     *                                  names the supported schemes)
     * @throws IOException              if the store cannot be opened
     */
    public static BlobStore open(String location) throws IOException {
        return provider(location).open(toUri(location));
    }

    /** Creates (if needed) and opens the store at {@code location}; errors as for {@link #open}. */
    public static BlobStore create(String location) throws IOException {
        return provider(location).create(toUri(location));
    }

    /** Opens the existing store at {@code location} with provider settings (see {@link BlobStoreProvider#open(URI, Map)}). */
    public static BlobStore open(String location, Map<String, String> settings) throws IOException {
        return provider(location).open(toUri(location), settings);
    }

    /** Creates (if needed) and opens the store at {@code location} with provider settings. */
    public static BlobStore create(String location, Map<String, String> settings) throws IOException {
        return provider(location).create(toUri(location), settings);
    }

    /** The lower-case scheme of {@code location}: {@code file} for a plain path. */
    public static String scheme(String location) {
        return schemeOf(location);
    }

    /** The schemes that can be opened now, sorted. */
    public static SortedSet<String> supportedSchemes() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(providers().keySet()));
    }

    private static BlobStoreProvider provider(String location) {
        String scheme = schemeOf(location);
        BlobStoreProvider provider = providers().get(scheme);
        if (provider == null) {
            throw new IllegalArgumentException("unsupported blob store location scheme '" + scheme + ":'; supported: "
                    + String.join(", ", supportedSchemes()) + " (or a plain path). Is the module that provides '"
                    + scheme + "' on the class path?");
        }
        return provider;
    }

    private static String schemeOf(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("blob store location is empty; give a path or a URI such as file:/srv/backup");
        }
        Matcher m = SCHEME.matcher(location);
        return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : FileBlobStoreProvider.SCHEME;
    }

    private static URI toUri(String location) {
        if (!SCHEME.matcher(location).matches()) {
            return Path.of(location).toAbsolutePath().toUri();
        }
        try {
            return new URI(location);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed blob store location (percent-encode spaces and special "
                    + "characters, or give a plain path): " + e.getReason() + " at index " + e.getIndex(), e);
        }
    }

    private static Map<String, BlobStoreProvider> providers() {
        Map<String, BlobStoreProvider> byScheme = new TreeMap<>();
        for (BlobStoreProvider provider : ServiceLoader.load(BlobStoreProvider.class)) {
            String scheme = provider.scheme().toLowerCase(Locale.ROOT);
            BlobStoreProvider clash = byScheme.putIfAbsent(scheme, provider);
            if (clash != null && clash.getClass() != provider.getClass()) {
                throw new IllegalStateException("two blob store providers claim scheme '" + scheme + "': "
                        + clash.getClass().getName() + " and " + provider.getClass().getName());
            }
        }
        return byScheme;
    }
}
