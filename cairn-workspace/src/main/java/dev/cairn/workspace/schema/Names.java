package dev.cairn.workspace.schema;

import dev.cairn.workspace.model.FieldError;
import java.util.List;
import java.util.regex.Pattern;

/** The rule for names of tables and columns: what users type, and never part of SQL text. Stateless. */
final class Names {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final List<String> RESERVED = List.of("id", "version");

    private Names() {
    }

    /** Adds a failure under {@code path} unless {@code name} is a valid, unreserved name. */
    static void check(String name, String path, List<FieldError> errors) {
        if (name == null || name.isEmpty()) {
            errors.add(new FieldError(path, "is missing"));
        } else if (!NAME.matcher(name).matches()) {
            errors.add(new FieldError(path, "'" + (name.length() > 40 ? name.substring(0, 40) + "..." : name)
                    + "' is not a valid name: start with a-z, then a-z, 0-9 or _, at most 63 characters"));
        } else if (RESERVED.contains(name)) {
            errors.add(new FieldError(path, "'" + name + "' is reserved for the record's own " + name));
        }
    }

    /** Names for a message: {@code 'a', 'b'}. */
    static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
    }
}
