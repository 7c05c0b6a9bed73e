package dev.cairn.workspace.schema;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * What uses tables and columns from outside the schema (saved reports, share links restricted by a column), asked
 * before a schema change would break it. Implemented by the reports part, so the schema never depends on it.
 */
public interface SchemaUsers {
    /** Names of the reports on table {@code tableId}. */
    List<String> onTable(Handle h, long tableId);

    /** Names of what uses column {@code columnId} of table {@code tableId} (directly or through a reference). */
    List<String> using(Handle h, long tableId, long columnId);

    /** Names of the reports with a filter on column {@code columnId} that compares with {@code value}. */
    List<String> filteringOn(Handle h, long tableId, long columnId, String value);
}
