package dev.cairn.engine.restore;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Chooses the name a file is written under until it is complete: {@code <name>.cairn-partial}, made unique among the
 * directory's snapshot names and the partial names already chosen there (so two files can never share one), and shortened
 * (with a {@code ~}) when the name would exceed the usual 255-byte limit.
 */
final class PartialNames {
    static final String SUFFIX = ".cairn-partial";
    private static final int MAX_NAME_BYTES = 255;
    private static final int COUNTER_RESERVE = 8;

    private PartialNames() {
    }

    /** Returns a partial name for {@code name} not in {@code taken}, and adds it to {@code taken}. */
    static String choose(String name, Set<String> taken) {
        int room = MAX_NAME_BYTES - SUFFIX.length() - COUNTER_RESERVE;
        String base = utf8Length(name) <= room ? name : truncateUtf8(name, room - 1) + "~";
        String candidate = base + SUFFIX;
        for (int n = 1; !taken.add(candidate); n++) {
            candidate = base + SUFFIX + "." + n;
        }
        return candidate;
    }

    /** Whether {@code name} gets its partial name without shortening. */
    static boolean fits(String name) {
        return utf8Length(name) <= MAX_NAME_BYTES - SUFFIX.length() - COUNTER_RESERVE;
    }

    /**
     * Chooses the partial names of one directory while remembering only what can collide: the directory's own names that
     * contain {@link #SUFFIX} (given up front) and the unusual choices made (shortened or numbered names, and names ending
     * in {@code ~}, which a shortened name could repeat). The usual {@code <name>.cairn-partial} of distinct names are
     * distinct, so they need not be remembered: memory stays small however large the directory. Not thread-safe.
     */
    static final class Chooser {
        private final Set<String> taken;

        /** @param reserved the directory's node names that contain {@link #SUFFIX} (copied) */
        Chooser(Set<String> reserved) {
            this.taken = new java.util.HashSet<>(reserved);
        }

        String choose(String name) {
            String usual = name + SUFFIX;
            if (fits(name) && !taken.contains(usual)) {
                if (name.endsWith("~")) {
                    taken.add(usual);
                }
                return usual;
            }
            return PartialNames.choose(name, taken);
        }
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The longest prefix of {@code s} (whole code points) whose UTF-8 form has at most {@code maxBytes} bytes. */
    static String truncateUtf8(String s, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + len > maxBytes) {
                break;
            }
            bytes += len;
            end += Character.charCount(cp);
        }
        return s.substring(0, end);
    }
}
