package dev.cairn.workspace.members;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** A member's role in a workspace, ordered: each includes what the ones before it may do. */
public enum WorkspaceRole {
    /** Reads tables, records, history and reports. */
    VIEWER("viewer"),
    /** Also creates, updates, deletes and restores records, imports, and saves reports. */
    EDITOR("editor"),
    /** Also changes the schema (tables, columns, templates) and the members. */
    OWNER("owner");

    private final String wireName;

    WorkspaceRole(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public boolean includes(WorkspaceRole other) {
        return compareTo(other) >= 0;
    }

    public static Optional<WorkspaceRole> fromWire(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }
}
