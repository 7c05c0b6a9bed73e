package dev.cairn.workspace.records;

import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.WorkspaceFixture;
import dev.cairn.workspace.reports.ReportSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scale benchmark (issue 5), not a timed test: runs only with {@code -Dcairn.bench=records} (see bench/records.sh).
 * Imports {@code cairn.bench.rows} (default 1,000,000) orders through the CSV importer, then measures page 1 of a
 * filtered, sorted listing (p50/p99 over 200 runs with varying filters) and a grouped sum report, in process, on the
 * dialect's real database. Prints its rows of the bench table to stdout.
 */
@EnabledIfSystemProperty(named = "cairn.bench", matches = "records")
class RecordsScaleBench {
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void scale(Dialect dialect) throws Exception {
        OrdersData.assumeSelected(dialect);
        int n = Integer.getInteger("cairn.bench.rows", 1_000_000);
        try (var f = new WorkspaceFixture(dialect)) {
            f.ws.tables().create(f.ann, OrdersData.table());
            Path csv = OrdersData.csv(n);
            long t0 = System.nanoTime();
            var imported = f.ws.importer().importCsv(f.ann, "orders", csv, Map.of(), false);
            double importSeconds = (System.nanoTime() - t0) / 1e9;
            Files.delete(csv);
            long[] pages = new long[200];
            for (int i = 0; i < pages.length; i++) {
                var query = OrdersData.listing(i).query();
                long s = System.nanoTime();
                var page = f.records().list(f.ann, "orders", query);
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
            String d = dialect.name().toLowerCase(java.util.Locale.ROOT);
            double rowsPerSecond = imported.inserted() / importSeconds;
            row(d, "CSV import", imported.inserted(), "", "", String.format("%,.0f rows/s", rowsPerSecond),
                    ">= 50,000 rows/s", rowsPerSecond >= 50_000);
            row(d, "listing page 1 (in process)", pages.length, ms(pages[pages.length / 2]), ms(pages[197]), "",
                    "p99 <= 50 ms", pages[197] <= 50_000_000L);
            row(d, "grouped sum (" + report.rows().size() + " groups)", 1, "", "", String.format("%.2f s",
                    reportSeconds), "<= 2 s", reportSeconds <= 2);
        }
    }

    /** Prints one row of the benchmark table (see bench/records.sh), with PASS or FAIL for its target. */
    static void row(String dialect, String measure, long n, String p50, String p99, String result, String target,
            boolean met) {
        System.out.println("| " + String.join(" | ", dialect, measure, Long.toString(n), p50, p99, result, target,
                met ? "PASS" : "FAIL") + " |");
    }

    static String ms(long nanos) {
        return String.format("%.1f", nanos / 1e6);
    }
}
