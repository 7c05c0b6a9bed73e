package dev.cairn.workspace.schema;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;
import dev.cairn.workspace.model.FieldError;
import java.util.List;

/**
 * A schema change was refused because saved reports use what it would remove (a column, or a whole table); nothing
 * changed. Code {@code in-use} (409). {@code column} is the path {@code table.column} of the first column in use (the
 * table's name when a table deletion was refused), {@code reports} the names of the reports, and {@code errors} one
 * entry per refused item with its request path ({@code remove[0]}).
 */
public final class ReportsInUseException extends ServiceException {
    private static final long serialVersionUID = 1L;
    private final String column;
    private final transient List<String> reports;
    private final transient List<FieldError> errors;

    public ReportsInUseException(String message, String column, List<String> reports, List<FieldError> errors) {
        super(ErrorCode.IN_USE, message);
        this.column = column;
        this.reports = List.copyOf(reports);
        this.errors = List.copyOf(errors);
    }

    @Override
    public dev.cairn.protocol.Problem problem() {
        return super.problem().withErrors(errors.stream()
                .map(f -> new dev.cairn.protocol.Problem.FieldError(f.field(), f.message())).toList())
                .withReports(column, reports);
    }

    public String column() {
        return column;
    }

    public List<String> reports() {
        return reports;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
