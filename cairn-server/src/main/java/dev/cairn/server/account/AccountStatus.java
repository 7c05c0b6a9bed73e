package dev.cairn.server.account;

import java.util.Arrays;

/** The life-cycle state of an account; {@link #wireName()} is what the database and the API store. */
public enum AccountStatus {
    ACTIVE("active"),
    SUSPENDED("suspended"),
    /** Deletion requested: the account cannot log in; its data is purged once the grace period ends. */
    DELETED("deleted");

    private final String wireName;

    AccountStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static AccountStatus parse(String wire) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown account status '" + wire + "' in the database"));
    }
}
