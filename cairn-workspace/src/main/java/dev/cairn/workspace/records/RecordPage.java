package dev.cairn.workspace.records;

import java.util.List;
import java.util.Map;

/** One page of a listing; {@code hasMore} says whether a next page (offset + limit) has records. */
public record RecordPage(List<Map<String, Object>> records, int offset, int limit, boolean hasMore) {
}
