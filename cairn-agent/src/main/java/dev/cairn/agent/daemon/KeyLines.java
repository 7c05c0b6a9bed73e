package dev.cairn.agent.daemon;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where a key path such as {@code sets.home.sorces} is written in a YAML text, for errors Jackson reports without
 * a place (it reads records from a buffer): each key of the path is looked for as a mapping key after the line of the
 * one before it. Block style ({@code key:}) and flow style ({@code {key: ...}}) both match.
 */
final class KeyLines {
    private KeyLines() {
    }

    /** {line, column}, 1-based, of the path's last key found; {0, 0} if not even its first key is found. */
    static int[] find(String text, String path) {
        String[] lines = text.split("\\R", -1);
        int from = 0;
        int[] found = {0, 0};
        for (String key : path.replaceAll("\\[\\d+]", "").split("\\.")) {
            Pattern p = Pattern.compile("(^|[\\s{,-])(\"?)" + Pattern.quote(key) + "\\2\\s*:");
            boolean hit = false;
            for (int i = from; i < lines.length && !hit; i++) {
                Matcher m = p.matcher(lines[i]);
                if (m.find() && !lines[i].stripLeading().startsWith("#")) {
                    found = new int[] {i + 1, m.start(2) + 1};
                    from = i;
                    hit = true;
                }
            }
            if (!hit) {
                return found;
            }
        }
        return found;
    }
}
