package dev.cairn.workspace.model;

import java.util.List;

/**
 * A value could not be read for its column: {@link #path()} names the offending part ({@code total},
 * {@code price.amount}), the message says what is wrong in the client's terms. Cheap (no stack trace): thrown for bad
 * input, collected into a {@link ValidationException} with the request's other problems.
 */
public final class InvalidValue extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public InvalidValue(String path, String message) {
        super(message, null, false, false);
        this.path = path;
    }

    public String path() {
        return path;
    }

    /** As a failure of a request. */
    public FieldError error() {
        return new FieldError(path, getMessage());
    }

    /**
     * Reads {@code submitted} for {@code column}; a failure goes to {@code errors} and gives null.
     */
    public static Value readInto(Submitted submitted, Column column, String path, List<FieldError> errors) {
        try {
            return submitted.read(column, path);
        } catch (InvalidValue e) {
            errors.add(e.error());
            return null;
        }
    }
}
