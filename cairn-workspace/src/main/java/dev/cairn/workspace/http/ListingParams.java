package dev.cairn.workspace.http;

import dev.cairn.workspace.model.FilterOp;
import dev.cairn.workspace.records.Filter;
import dev.cairn.workspace.records.FilterInput;
import dev.cairn.workspace.records.RecordQuery;
import dev.cairn.workspace.records.Sort;
import java.util.ArrayList;
import java.util.List;

/**
 * A listing's query parameters as a {@link RecordQuery}: {@code filter=column:op[:value]} (repeatable; {@code in}
 * takes comma-separated values, {@code \,} for a comma inside one), {@code sort=name,-total} (a leading {@code -} is
 * descending; {@code id} is allowed), {@code q} and the page. A filter that cannot be read stays in its place, so the
 * service reports it with the listing's other problems. Stateless.
 */
public final class ListingParams {
    private ListingParams() {
    }

    /** The query of the parameters; {@code sort} and {@code search} may be null or blank (none). */
    public static RecordQuery query(List<String> filters, String sort, String search, int limit, int offset) {
        return new RecordQuery(filters.stream().map(ListingParams::filter).toList(), sort(sort),
                search, limit, offset);
    }

    /** One {@code column:op[:value]} filter. */
    static FilterInput filter(String text) {
        String[] parts = text.split(":", 3);
        if (parts.length < 2) {
            return new FilterInput.Unreadable(null, "write column:operator:value, e.g. status:eq:open");
        }
        var op = FilterOp.fromWire(parts[1]);
        if (op.isEmpty()) {
            return new FilterInput.Unreadable(parts[0], "'" + parts[1] + "' is not an operator ("
                    + FilterOp.wireNames() + ")");
        }
        return Filter.typed(parts[0], op.get(), parts.length < 3 ? null : parts[2]);
    }

    /** {@code name,-total}: column names (or {@code id}), a leading {@code -} for descending. */
    public static List<Sort> sort(String text) {
        List<Sort> keys = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return keys;
        }
        for (String part : text.split(",")) {
            String name = part.strip();
            boolean desc = name.startsWith("-");
            keys.add(new Sort(desc ? name.substring(1) : name, desc));
        }
        return keys;
    }
}
