package dev.cairn.workspace.records;

import java.util.List;

/** One page of a listing; {@code hasMore} says whether a next page (offset + limit) has records. */
public record RecordPage(List<Record> records, int offset, int limit, boolean hasMore) {
}
