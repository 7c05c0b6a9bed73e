package dev.cairn.server.account;

import java.util.Arrays;
import java.util.Locale;

/** Who may create an account through self-service sign-up. */
public enum SignupMode {
    OPEN("open"),
    /** Only with an invite code created by an admin. */
    INVITE("invite"),
    CLOSED("closed");

    private final String wireName;

    SignupMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException naming the valid modes */
    public static SignupMode parse(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.wireName.equals(wanted)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown sign-up mode '" + text + "'; use open, invite or closed"));
    }
}
