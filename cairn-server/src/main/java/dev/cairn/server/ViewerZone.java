package dev.cairn.server;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The time zone in which the person reading a page reads its times (ADR 52): bound for the length of one request by
 * the HTTP layer (the signed-in account's zone, UTC for visitors) or by a page that shows someone else's data (a share
 * link's page uses its owner's zone). Every date-time a page, a report's PDF or a share page shows is formatted here;
 * the API and the machine exports keep UTC ISO-8601. Dates (a day without a time) are never converted: they show as
 * typed. Outside a binding the zone is UTC. Thread-safe (a {@link ScopedValue}).
 */
public final class ViewerZone {
    /** The zone of visitors and of accounts that chose none. */
    public static final ZoneId UTC = ZoneId.of("UTC");
    private static final ScopedValue<ZoneId> ZONE = ScopedValue.newInstance();
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter ABBREVIATION = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

    private ViewerZone() {
    }

    /** The zone bound for this request, else UTC. */
    public static ZoneId current() {
        return ZONE.orElse(UTC);
    }

    /** Runs {@code work} with {@code zone} as the reader's zone (null: UTC) and returns its result. */
    public static <T> T call(ZoneId zone, Callable<T> work) throws Exception {
        return ScopedValue.where(ZONE, zone == null ? UTC : zone).call(work::call);
    }

    /** {@code 2026-11-23 10:15 CET}: the instant to the minute in the reader's zone, with the zone's abbreviation. */
    public static String minute(Instant instant) {
        var at = instant.atZone(current());
        return MINUTE.format(at) + " " + ABBREVIATION.format(at);
    }

    /** {@code 2026-11-23 10:15:42 CET}: as {@link #minute}, to the second. */
    public static String second(Instant instant) {
        var at = instant.atZone(current());
        return SECOND.format(at) + " " + ABBREVIATION.format(at);
    }

    /**
     * A zone id a person chose ({@code Europe/Berlin}, {@code UTC}), or empty when it names no zone. Only region ids
     * and UTC are accepted (not offsets such as {@code +02:00}, which do not follow summer time).
     */
    public static Optional<ZoneId> parse(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        String s = id.strip();
        if (s.equals("UTC")) {
            return Optional.of(UTC);
        }
        if (!ZoneId.getAvailableZoneIds().contains(s)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(s));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The zones offered by the account page: UTC first, then the region ids in alphabetical order. */
    public static java.util.List<String> choices() {
        java.util.List<String> ids = new java.util.ArrayList<>();
        ids.add("UTC");
        ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/") && !z.startsWith("Etc/")
                && !z.startsWith("SystemV/")).sorted().forEach(ids::add);
        return ids;
    }
}
