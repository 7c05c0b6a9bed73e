package dev.cairn.workspace.records;

import java.util.Map;

/** A record as stored: id, version and the canonical values of all columns (removed ones too) by column id. */
record StoredRow(long id, long version, Map<Long, Object> values) {
}
