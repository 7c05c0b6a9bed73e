package dev.cairn.workspace.model;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;
import java.util.List;

/**
 * Values were refused; nothing was stored. Carries every failure found, each with its field path. The code is
 * {@code validation-failed} (422) unless the values clash with stored ones ({@code already-exists}, 409).
 */
public final class ValidationException extends ServiceException {
    private static final long serialVersionUID = 1L;
    private final transient List<FieldError> errors;

    public ValidationException(String message, List<FieldError> errors) {
        super(ErrorCode.VALIDATION_FAILED, message);
        this.errors = List.copyOf(errors);
    }

    /** The same with another code, e.g. {@code already-exists} (409) for duplicate unique values. */
    public ValidationException(ErrorCode code, String message, List<FieldError> errors) {
        super(code, message);
        this.errors = List.copyOf(errors);
    }

    /**
     * Throws the failures collected so far, if any: the message is {@code summary}, then the first failure and how many
     * more there are.
     */
    public static void throwIfAny(List<FieldError> errors, String summary) {
        if (!errors.isEmpty()) {
            throw new ValidationException(summary + ": " + errors.getFirst().field() + ": "
                    + errors.getFirst().message() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""),
                    errors);
        }
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(field + ": " + message, List.of(new FieldError(field, message)));
    }

    @Override
    public dev.cairn.protocol.Problem problem() {
        return super.problem().withErrors(errors.stream()
                .map(f -> new dev.cairn.protocol.Problem.FieldError(f.field(), f.message())).toList());
    }

    public List<FieldError> errors() {
        return errors;
    }
}
