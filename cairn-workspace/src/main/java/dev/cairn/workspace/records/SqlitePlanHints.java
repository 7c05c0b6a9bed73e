package dev.cairn.workspace.records;

import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.TableDef;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Steers SQLite's planner for page 1 of sorted listings (ADR 15). SQLite 3.4x/3.5x, offered an equality or range filter
 * on an indexed low-cardinality column (a status, a small count), prefers that index and sorts every match (a quarter
 * of a million rows for one status out of four in a 1M-row table, ~100 ms) over walking the sort column's index and
 * stopping after one page (~1 ms): its cost model does not credit the LIMIT. We know better for such columns: if the
 * table's statistics say a column's index averages at least {@link #BROAD_SHARE} of the rows per value, a filter on it
 * is written {@code +c_n} (which keeps it as a filter but not as an index choice) when the listing is sorted by an
 * indexed column. Selective filters (a customer name, a unique number) still get their index. Stateless.
 */
final class SqlitePlanHints {
    /** A column index is "broad" if one value matches at least this share of the rows. */
    static final double BROAD_SHARE = 0.01;
    /** Below this many rows, plans barely matter and statistics are absent or noisy. */
    private static final long MIN_ROWS = 10_000;

    private SqlitePlanHints() {
    }

    /**
     * Ids of the columns whose filters should not drive index choice, for a listing of {@code t} sorted by
     * {@code sort} (empty if the first sort key has no index, or without statistics).
     */
    static Set<Long> broadColumns(Handle h, TableDef t, List<RecordQuery.SortKey> sort) {
        Column first = sort.isEmpty() ? null : sort.getFirst().column();
        if (first != null && !first.indexed() && !first.unique() || !hasStatistics(h)) {
            return Set.of();
        }
        Set<Long> broad = new HashSet<>();
        String prefix = t.sql() + "_c_";
        h.createQuery("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = :t").bind("t", t.sql()).map((rs, ctx) -> {
            String idx = rs.getString(1);
            String[] stat = rs.getString(2).split(" ");
            if (idx != null && idx.startsWith(prefix) && stat.length >= 2 && idx.substring(prefix.length())
                    .chars().allMatch(Character::isDigit)) {
                long rows = Long.parseLong(stat[0]);
                long perValue = Long.parseLong(stat[1]);
                if (rows >= MIN_ROWS && perValue >= rows * BROAD_SHARE) {
                    broad.add(Long.parseLong(idx.substring(prefix.length())));
                }
            }
            return idx;
        }).list();
        if (first != null) {
            broad.remove(first.id());
        }
        return broad;
    }

    /** Whether any ANALYZE ever ran (SQLite creates its statistics table then). */
    private static boolean hasStatistics(Handle h) {
        return h.createQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")
                .mapTo(Integer.class).findFirst().isPresent();
    }
}
