package dev.cairn.server.records;

import dev.cairn.server.db.Dialect;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scale benchmark (issue 5), not a timed test: runs only with {@code -Dcairn.bench=records} (see bench/records.sh).
 * Imports {@code cairn.bench.rows} (default 1,000,000) orders through the CSV importer, then measures page 1 of a
 * filtered, sorted listing (p50/p99 over 200 runs with varying filters) and a grouped sum report, in process, on the
 * dialect's real database. Prints one Markdown table row per dialect to stdout.
 */
@EnabledIfSystemProperty(named = "cairn.bench", matches = "records")
class RecordsScaleBench {
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void scale(Dialect dialect) throws Exception {
        int n = Integer.getInteger("cairn.bench.rows", 1_000_000);
        try (var f = new WorkspaceFixture(dialect)) {
            f.ws.tables().create(f.ann, new TableSpec("orders", null, List.of(
                    ColumnSpec.of("number", "text").asUnique(), ColumnSpec.of("customer", "text"),
                    ColumnSpec.of("status", "choice").withChoices("open", "paid", "shipped", "cancelled"),
                    ColumnSpec.of("total", "money").inCurrency("EUR"), ColumnSpec.of("items", "integer"),
                    ColumnSpec.of("placed", "date"))));
            Path csv = Files.createTempFile("orders", ".csv");
            Random random = new Random(42);
            String[] statuses = {"open", "paid", "shipped", "cancelled"};
            try (BufferedWriter w = Files.newBufferedWriter(csv)) {
                w.write("number,customer,status,total,items,placed\n");
                for (int i = 0; i < n; i++) {
                    w.write("SO-" + i + ",Customer " + random.nextInt(5000) + "," + statuses[random.nextInt(4)] + ","
                            + random.nextInt(100_000) + "." + random.nextInt(10) + "0," + (1 + random.nextInt(20))
                            + ",2026-" + String.format("%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28))
                            + "\n");
                }
            }
            long t0 = System.nanoTime();
            var imported = f.ws.importer().importCsv(f.ann, "orders", csv, Map.of(), false);
            double importSeconds = (System.nanoTime() - t0) / 1e9;
            Files.delete(csv);
            long[] pages = new long[200];
            for (int i = 0; i < pages.length; i++) {
                var query = new RecordQuery(List.of("status:eq:" + statuses[i % 4], "items:gte:" + (1 + i % 15)),
                        i % 2 == 0 ? "-total" : "placed", null, 50, 0);
                long s = System.nanoTime();
                var page = f.ws.records().list(f.ann, "orders", query);
                pages[i] = System.nanoTime() - s;
                if (page.records().size() != 50) {
                    throw new AssertionError("expected a full page");
                }
            }
            Arrays.sort(pages);
            long r0 = System.nanoTime();
            var report = f.ws.reports().preview(f.ann, new ReportSpec(null, "by status", "orders", null, null,
                    List.of("status"), List.of(new ReportSpec.Aggregate("count", null),
                    new ReportSpec.Aggregate("sum", "total")), null, null));
            double reportSeconds = (System.nanoTime() - r0) / 1e9;
            List<String> cells = new ArrayList<>(List.of(dialect.name(), Integer.toString(imported.inserted()),
                    String.format("%.0f", imported.inserted() / importSeconds),
                    String.format("%.1f", pages[pages.length / 2] / 1e6), String.format("%.1f", pages[197] / 1e6),
                    String.format("%.2f", reportSeconds), Integer.toString(report.rows().size())));
            System.out.println("| " + String.join(" | ", cells) + " |");
        }
    }
}
