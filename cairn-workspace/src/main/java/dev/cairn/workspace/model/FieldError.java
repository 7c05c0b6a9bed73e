package dev.cairn.workspace.model;

/**
 * One validation failure: {@code field} is the path of the offending value ({@code total},
 * {@code total.currency}, {@code columns[2].type}, or {@code row 7: email} in imports).
 */
public record FieldError(String field, String message) {
}
