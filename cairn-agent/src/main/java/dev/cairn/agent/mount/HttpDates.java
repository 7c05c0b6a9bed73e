package dev.cairn.agent.mount;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** HTTP dates (RFC 9110 IMF-fixdate, two-digit day: the JDK's RFC_1123_DATE_TIME writes one digit) and snapshot names. */
final class HttpDates {
    private static final DateTimeFormatter IMF = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    /** {@code Sun, 06 Dec 2026 15:04:05 GMT} (getlastmodified, Last-Modified). */
    static String imf(Instant t) {
        return IMF.format(t);
    }

    /** {@code 2026-12-06T15:04:05Z}: a snapshot directory's name, whole seconds in UTC. */
    static String name(Instant t) {
        return NAME.format(t);
    }
}
