package dev.cairn.workspace.shares;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** What became of one request to a share link, as its access log records it. */
public enum ShareOutcome {
    /** The result was shown (page, CSV or PDF). */
    SHOWN("shown"),
    /** The link has a passphrase and the browser had not given it: the passphrase form was shown. */
    PASSPHRASE_REQUIRED("passphrase-required"),
    WRONG_PASSPHRASE("wrong-passphrase"),
    /** The right passphrase was given; the browser got an unlock cookie. */
    UNLOCKED("unlocked"),
    /** A passphrase was sent while guessing was locked out for the link. */
    THROTTLED("throttled"),
    EXPIRED("expired"),
    REVOKED("revoked"),
    /** The report the link showed was deleted. */
    REPORT_DELETED("report-deleted"),
    /** The report can no longer be computed as the link restricts it (the restricting column was removed). */
    UNAVAILABLE("unavailable");

    private final String wireName;

    ShareOutcome(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<ShareOutcome> fromWire(String name) {
        return Arrays.stream(values()).filter(o -> o.wireName.equals(name)).findFirst();
    }
}
