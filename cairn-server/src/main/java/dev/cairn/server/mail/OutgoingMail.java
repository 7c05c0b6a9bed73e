package dev.cairn.server.mail;

import java.util.Objects;

/**
 * One plain-text email to one recipient. Line breaks and other control characters in the subject are replaced by
 * spaces here, so no caller can add header lines through it; the recipient must be a single address.
 */
public record OutgoingMail(String to, String subject, String text) {
    public OutgoingMail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        if (to.chars().anyMatch(c -> c < ' ' || c == ',' || c == ';')) {
            throw new IllegalArgumentException("the recipient must be one address");
        }
        subject = oneLine(subject);
    }

    /** {@code value} with every control character (CR, LF, tab…) replaced by a space. */
    public static String oneLine(String value) {
        return value == null ? "" : value.replaceAll("\\p{Cntrl}", " ");
    }
}
