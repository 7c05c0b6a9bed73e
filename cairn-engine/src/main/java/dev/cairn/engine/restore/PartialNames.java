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
