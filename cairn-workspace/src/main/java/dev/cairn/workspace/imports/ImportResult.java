package dev.cairn.workspace.imports;

import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.Value;
import java.util.List;
import java.util.Map;

/**
 * What an import found or did. {@code rows} data rows were read, {@code valid} of them passed every check; on a real
 * run {@code inserted} = rows (imports are all or nothing), unless the caller chose to import the valid rows only:
 * then {@code inserted} = valid and {@code errors} report the other rows (up to {@link ImportCheck#REPORT_ERRORS}). {@code errors} holds the first {@link
 * ImportCheck#MAX_ERRORS} of {@code errorCount} failures, each with {@code field} {@code "row N: column"} (N as a
 * spreadsheet shows it, the header being row 1). {@code mapping} is file column → table column as used; {@code preview}
 * the first rows as they would be stored.
 */
public record ImportResult(boolean dryRun, int rows, int valid, int inserted, int errorCount, List<FieldError> errors,
        Map<String, String> mapping, List<Map<String, Value>> preview) {
}
