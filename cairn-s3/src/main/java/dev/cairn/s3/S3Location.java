package dev.cairn.s3;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A parsed {@code s3:} location: {@code s3://BUCKET[/PREFIX][?endpoint=URL&region=NAME&path-style=true|false]}.
 * Immutable and validated on construction; holds no credentials (those come from the AWS default provider chain).
 *
 * @param bucket    the bucket name (3-63 characters of {@code a-z 0-9 . - _}, starting and ending with a letter or digit)
 * @param prefix    the key prefix without leading or trailing {@code /}, or {@code ""} for the bucket root
 * @param endpoint  the service endpoint ({@code http(s)://host[:port]}), or empty for AWS itself
 * @param region    the signing region, e.g. {@code us-east-1}
 * @param pathStyle whether requests address the bucket in the path ({@code host/bucket/key}) rather than the host name
 */
record S3Location(String bucket, String prefix, Optional<URI> endpoint, String region, boolean pathStyle) {
    static final String DEFAULT_REGION = "us-east-1";
    static final String REGION_ENV = "AWS_REGION";
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Set<String> PARAMETERS = Set.of("endpoint", "region", "path-style");

    S3Location {
        if (!BUCKET.matcher(bucket).matches()) {
            throw syntaxError("bucket name '" + bucket + "' is not valid: use 3-63 lower-case letters, digits, '.', '-' or "
                    + "'_', starting and ending with a letter or digit");
        }
        if (!REGION.matcher(region).matches()) {
            throw syntaxError("region '" + region + "' is not valid: expected a name like us-east-1");
        }
        S3Keys.checkPrefix(prefix);
    }

    /**
     * Parses {@code location} (scheme {@code s3}); a missing region comes from {@code env}'s {@value #REGION_ENV}, else
     * {@value #DEFAULT_REGION}.
     *
     * @throws IllegalArgumentException naming what is wrong and the expected syntax: no bucket, credentials in the URI,
     *                                  a bad prefix, endpoint or region, an unknown or repeated parameter
     */
    static S3Location parse(URI location, Function<String, String> env) {
        if (location.isOpaque() || location.getRawAuthority() == null || location.getRawAuthority().isEmpty()) {
            throw syntaxError("no bucket given");
        }
        if (location.getRawUserInfo() != null) {
            throw syntaxError("credentials do not belong in the location (it is shown in messages); set "
                    + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead");
        }
        if (location.getRawFragment() != null) {
            throw syntaxError("a '#' fragment is not allowed");
        }
        Map<String, String> params = parameters(location.getRawQuery());
        Optional<URI> endpoint = Optional.ofNullable(params.get("endpoint")).map(S3Location::endpoint);
        String region = Optional.ofNullable(params.get("region")).or(() -> Optional.ofNullable(env.apply(REGION_ENV)))
                .filter(r -> !r.isBlank()).orElse(DEFAULT_REGION);
        boolean pathStyle = Optional.ofNullable(params.get("path-style")).map(S3Location::bool).orElse(endpoint.isPresent());
        return new S3Location(location.getRawAuthority(), S3Keys.prefixFromPath(location.getPath()), endpoint, region,
                pathStyle);
    }

    /** {@code s3://bucket/prefix}, without parameters: for messages and {@code toString}. */
    String display() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    /** Where requests go, for messages: the endpoint, or "AWS S3 (region)". */
    String displayEndpoint() {
        return endpoint.map(URI::toString).orElse("AWS S3 (" + region + ")");
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!PARAMETERS.contains(key)) {
                throw syntaxError("unknown parameter '" + key + "'; known: endpoint, region, path-style");
            }
            if (params.putIfAbsent(key, value) != null) {
                throw syntaxError("parameter '" + key + "' is given twice");
            }
        }
        return params;
    }

    private static URI endpoint(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (java.net.URISyntaxException e) {
            throw badEndpoint(value, "it is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw badEndpoint(value, "it must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw badEndpoint(value, "it needs a host name or address, and no user name");
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw badEndpoint(value, "give only scheme, host and port; the bucket and prefix belong in the s3:// part");
        }
        return URI.create(scheme + "://" + uri.getRawAuthority());
    }

    private static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw syntaxError("path-style must be true or false, not '" + value + "'");
        };
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException badEndpoint(String value, String why) {
        String shown = value.contains("@") ? "" : " '" + value + "'"; // never echo a password someone put in it
        return syntaxError("endpoint" + shown + " is not valid: " + why);
    }

    static IllegalArgumentException syntaxError(String what) {
        return new IllegalArgumentException("malformed s3 location: " + what + ". Expected "
                + "s3://BUCKET[/PREFIX][?endpoint=http://HOST:PORT&region=NAME&path-style=true|false]");
    }
}
