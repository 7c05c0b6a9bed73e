package dev.cairn.workspace.records;

import static dev.cairn.workspace.model.ColumnType.CHOICE;
import static dev.cairn.workspace.model.ColumnType.DATE;
import static dev.cairn.workspace.model.ColumnType.INTEGER;
import static dev.cairn.workspace.model.ColumnType.MONEY;
import static dev.cairn.workspace.model.ColumnType.TEXT;

import dev.cairn.workspace.JsonRecords;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** The benchmarks' orders table and a seeded CSV of its rows. */
final class OrdersData {
    static final String[] STATUSES = {"open", "paid", "shipped", "cancelled"};

    private OrdersData() {
    }

    /** Skips the dialect unless {@code cairn.bench.dialects} (comma-separated, default both) names it. */
    static void assumeSelected(dev.cairn.server.db.Dialect dialect) {
        String selected = System.getProperty("cairn.bench.dialects", "sqlite,postgres");
        org.junit.jupiter.api.Assumptions.assumeTrue(List.of(selected.toLowerCase(java.util.Locale.ROOT).split(","))
                .contains(dialect.name().toLowerCase(java.util.Locale.ROOT)), "dialect not selected");
    }

    static TableSpec table() {
        return new TableSpec("orders", null, List.of(
                ColumnSpec.of("number", TEXT).asUnique(), ColumnSpec.of("customer", TEXT),
                ColumnSpec.of("status", CHOICE).withChoices(STATUSES),
                ColumnSpec.of("total", MONEY).inCurrency("EUR"), ColumnSpec.of("items", INTEGER),
                ColumnSpec.of("placed", DATE)));
    }

    /** {@code n} orders: 5,000 customers, 4 statuses, totals to 100,000.00, 1–20 items, dates in 2026. */
    static Path csv(int n) throws IOException {
        Path csv = Files.createTempFile("orders", ".csv");
        Random random = new Random(42);
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("number,customer,status,total,items,placed\n");
            for (int i = 0; i < n; i++) {
                w.write("SO-" + i + ",Customer " + random.nextInt(5000) + "," + STATUSES[random.nextInt(4)] + ","
                        + random.nextInt(100_000) + "." + random.nextInt(10) + "0," + (1 + random.nextInt(20))
                        + ",2026-" + String.format("%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28))
                        + "\n");
            }
        }
        return csv;
    }

    /**
     * The listing filter of run {@code i}: one status (a quarter of the rows) and at least k items (k = 1..15, so
     * 100 % down to 30 % of those), which is what a user narrowing a table view does; sorted by total descending or
     * by date, alternately.
     */
    static Listing listing(int i) {
        return new Listing(List.of("status:eq:" + STATUSES[i % 4], "items:gte:" + (1 + i % 15)),
                i % 2 == 0 ? "-total" : "placed");
    }

    /** A listing in the API's terms: its {@code filter} and {@code sort} parameters, 50 records. */
    record Listing(List<String> filters, String sort) {
        RecordQuery query() {
            return JsonRecords.query(filters, sort, null, 50, 0);
        }
    }
}
