package dev.cairn.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * What an API token may do with the account's repositories. Ordered: each scope includes the ones before it.
 * {@code append} is the ransomware-safe scope for backup agents: it creates new objects and removes restic lock files, but
 * can never delete or overwrite data.
 */
public enum TokenScope {
    READ("read"),
    APPEND("append"),
    FULL("full");

    private final String wireName;

    TokenScope(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Whether this scope includes everything {@code other} allows. */
    public boolean includes(TokenScope other) {
        return compareTo(other) >= 0;
    }

    /**
     * Parses a wire name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the valid scopes
     */
    @JsonCreator
    public static TokenScope parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown token scope '" + text
                        + "'; use read, append or full"));
    }
}
