package dev.cairn.server.error;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.Problem;
import java.util.List;

/**
 * Values of a request were refused ({@code validation-failed}, 422); nothing was stored. Carries every failure found,
 * each with its field path, as the problem's {@code errors}.
 */
public final class ValidationException extends ServiceException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem.FieldError> errors;

    public ValidationException(String message, List<Problem.FieldError> errors) {
        super(ErrorCode.VALIDATION_FAILED, message);
        this.errors = List.copyOf(errors);
    }

    /**
     * Throws the failures collected, if any: the message is {@code summary}, the first failure and how many more.
     */
    public static void throwIfAny(List<Problem.FieldError> errors, String summary) {
        if (!errors.isEmpty()) {
            Problem.FieldError first = errors.getFirst();
            throw new ValidationException(summary + ": " + first.field() + ": " + first.message()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""), errors);
        }
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    @Override
    public Problem problem() {
        return super.problem().withErrors(errors);
    }
}
