package dev.cairn.agent.mount;

/**
 * One byte range of a representation (RFC 9110 §14), resolved against its size: {@code [first, first + length)}.
 * Multiple ranges and unparseable headers are ignored (the whole representation is sent), which the RFC allows.
 */
record ByteRange(long first, long length) {
    /** The answer to a Range header: the whole body, one range (206), or nothing satisfiable (416). */
    sealed interface Outcome {
    }

    record Whole() implements Outcome {
    }

    record Partial(ByteRange range) implements Outcome {
    }

    record Unsatisfiable() implements Outcome {
    }

    long last() {
        return first + length - 1;
    }

    /** What to send for header {@code range} (null if absent) of a representation of {@code size} bytes. */
    static Outcome parse(String range, long size) {
        if (range == null || !range.regionMatches(true, 0, "bytes=", 0, 6) || range.indexOf(',') >= 0) {
            return new Whole();
        }
        String spec = range.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        try {
            String a = spec.substring(0, dash).strip();
            String b = spec.substring(dash + 1).strip();
            if (a.isEmpty()) {
                return suffix(Long.parseLong(b), size);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
            if (first < 0 || last < first) {
                return new Whole();
            }
            if (first >= size) {
                return new Unsatisfiable();
            }
            return new Partial(new ByteRange(first, Math.min(last, size - 1) - first + 1));
        } catch (NumberFormatException e) {
            return new Whole();
        }
    }

    private static Outcome suffix(long n, long size) {
        if (n < 0) {
            return new Whole();
        }
        if (n == 0 || size == 0) {
            return new Unsatisfiable();
        }
        long len = Math.min(n, size);
        return new Partial(new ByteRange(size - len, len));
    }
}
