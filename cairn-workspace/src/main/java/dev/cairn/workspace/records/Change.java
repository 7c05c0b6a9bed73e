package dev.cairn.workspace.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cairn.workspace.model.Value;
import java.time.Instant;
import java.util.Map;

/**
 * One entry of a record's history: {@code old}/{@code new} hold the values before and after, keyed by column name
 * (removed columns under their last name; null where a value was empty); an update lists the changed columns only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Change(long seq, String op, Long version, String actor, Instant at, Map<String, Value> old,
        @com.fasterxml.jackson.annotation.JsonProperty("new") Map<String, Value> newValues) {
}
