package dev.cairn.engine.check;

import java.util.List;
import java.util.Objects;

/**
 * One result of a check.
 *
 * @param severity          how bad it is
 * @param object            what it is about, as {@code <kind>/<full id>}: {@code index/…}, {@code data/…} (a pack),
 *                          {@code snapshots/…}, {@code tree/…}, {@code blob/…} (a data blob) or {@code locks/…};
 *                          a bare kind ({@code index}) for a summary over many objects
 * @param message           what is wrong and what the user can do about it; one or two sentences, no trailing newline
 * @param affectedSnapshots short ids (8 hex digits) of the snapshots that cannot be fully restored because of it, oldest
 *                          first; empty when no snapshot is affected or none could be determined
 */
public record Finding(Severity severity, String object, String message, List<String> affectedSnapshots) {
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(message, "message");
        affectedSnapshots = affectedSnapshots == null ? List.of() : List.copyOf(affectedSnapshots);
    }

    @Override
    public String toString() {
        String affected = affectedSnapshots.isEmpty() ? "" : " [affects snapshots " + String.join(", ", affectedSnapshots) + "]";
        return severity + " " + object + ": " + message + affected;
    }
}
