package dev.cairn.server.attack;

import java.util.List;
import java.util.function.BinaryOperator;

/**
 * Path tricks for one path parameter: from the victim's value {@code v} and the attacker's own {@code a}, the forms
 * that have led servers to another tenant's data: dot segments (raw, encoded, double-encoded, overlong UTF-8, full
 * width), encoded and double-encoded slashes, null bytes, path parameters, Unicode look-alikes and normalisation forms
 * (upper case, full width, combining accents, zero-width space), and very long names.
 */
final class Tricks {
    /** A named trick. */
    record Trick(String name, BinaryOperator<String> apply) {
    }

    static final List<Trick> ALL = List.of(
            new Trick("dot-dot", (v, a) -> a + "/../" + v),
            new Trick("encoded-slash", (v, a) -> a + "%2F..%2F" + v),
            new Trick("encoded-dot-dot", (v, a) -> "%2e%2e%2f" + v),
            new Trick("dot-dot-only", (v, a) -> ".."),
            new Trick("double-encoded-slash", (v, a) -> a + "%252F..%252F" + v),
            new Trick("double-encoded-dots", (v, a) -> "%252e%252e%252f" + v),
            new Trick("overlong-utf8-dots", (v, a) -> "%c0%ae%c0%ae%c0%af" + v),
            new Trick("fullwidth-dots", (v, a) -> "%ef%bc%8e%ef%bc%8e%ef%bc%8f" + v),
            new Trick("backslash", (v, a) -> a + "%5c..%5c" + v),
            new Trick("null-byte", (v, a) -> v + "%00"),
            new Trick("null-byte-suffix", (v, a) -> a + "%00" + v),
            new Trick("path-parameter", (v, a) -> v + ";a=" + a),
            new Trick("upper-case", (v, a) -> v.toUpperCase(java.util.Locale.ROOT)),
            new Trick("fullwidth-letters", (v, a) -> fullWidth(v)),
            new Trick("combining-accent", (v, a) -> v + "%cc%81"),
            new Trick("zero-width-space", (v, a) -> v + "%e2%80%8b"),
            new Trick("trailing-slash", (v, a) -> v + "/"),
            new Trick("long-name", (v, a) -> v + "a".repeat(4000)),
            new Trick("very-long-name", (v, a) -> "b".repeat(70_000)));

    private Tricks() {
    }

    /** {@code text} with ASCII letters and digits as their full-width forms (U+FF01..), percent-encoded UTF-8. */
    static String fullWidth(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c > 0x20 && c < 0x7f) {
                for (byte b : String.valueOf((char) (c - 0x21 + 0xFF01)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02x", b & 0xff));
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
