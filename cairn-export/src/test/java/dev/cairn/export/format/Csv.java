package dev.cairn.export.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for the tests: an unquoted empty field is null, {@code ""} the empty text. */
final class Csv {
    private Csv() {
    }

    static List<List<String>> parse(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            String field;
            if (s.charAt(i) == '"') {
                StringBuilder b = new StringBuilder();
                for (i++; ; i++) {
                    char c = s.charAt(i);
                    if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        b.append('"');
                        i++;
                    } else if (c == '"') {
                        i++;
                        break;
                    } else {
                        b.append(c);
                    }
                }
                field = b.toString();
            } else {
                int end = i;
                while (end < s.length() && s.charAt(end) != ',' && s.charAt(end) != '\r') {
                    end++;
                }
                field = end == i ? null : s.substring(i, end);
                i = end;
            }
            row.add(field);
            if (s.startsWith("\r\n", i)) {
                rows.add(row);
                row = new ArrayList<>();
                i += 2;
            } else if (s.charAt(i) == ',') {
                i++;
            } else {
                throw new AssertionError("unexpected character at " + i + ": " + s.charAt(i));
            }
        }
        return rows;
    }
}
