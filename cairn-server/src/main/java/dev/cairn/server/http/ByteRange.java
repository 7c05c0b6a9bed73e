package dev.cairn.server.http;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range of an object of known size, parsed from a {@code Range} header (RFC 9110 §14): forms
 * {@code bytes=a-b}, {@code bytes=a-} and {@code bytes=-n}. Multi-range and malformed headers are ignored (the whole
 * object is sent, as the RFC allows); a range that starts at or past the end is unsatisfiable (416). Public for the
 * features that serve files of their own (the export's bundles).
 */
public record ByteRange(long offset, long length) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    /**
     * The range to serve, or empty for the whole object.
     *
     * @throws ServiceException {@code range-not-satisfiable}
     */
    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        if (m.group(1).isEmpty()) {
            long suffix = number(m.group(2));
            if (suffix == 0) {
                throw unsatisfiable(size);
            }
            long n = Math.min(suffix, size);
            return size == 0 ? Optional.empty() : Optional.of(new ByteRange(size - n, n));
        }
        long first = number(m.group(1));
        long last = m.group(2).isEmpty() ? size - 1 : Math.min(number(m.group(2)), size - 1);
        if (first >= size || last < first) {
            if (!m.group(2).isEmpty() && number(m.group(2)) < first) {
                return Optional.empty(); // syntactically invalid (last < first): ignore the header
            }
            throw unsatisfiable(size);
        }
        return Optional.of(new ByteRange(first, last - first + 1));
    }

    /** The decimal {@code digits} (at most 19), or {@link Long#MAX_VALUE} past it: a position beyond any object. */
    private static long number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The {@code Content-Range} value of this range within {@code size}. */
    public String contentRange(long size) {
        return "bytes " + offset + "-" + (offset + length - 1) + "/" + size;
    }

    private static ServiceException unsatisfiable(long size) {
        return new ServiceException(ErrorCode.RANGE_NOT_SATISFIABLE, "the requested range lies outside the object of "
                + size + " bytes");
    }
}
