package dev.cairn.workspace.records;

import static dev.cairn.workspace.model.ColumnType.CHOICE;
import static dev.cairn.workspace.model.ColumnType.INTEGER;
import static dev.cairn.workspace.model.ColumnType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.JsonRecords;
import dev.cairn.workspace.WorkspaceFixture;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.Schema;
import dev.cairn.workspace.schema.TableSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listings sorted by an indexed column keep filters on low-cardinality columns off SQLite's index choice, and still
 * return exactly the matching rows in order.
 */
class SqlitePlanHintsTest {
    @TempDir
    Path dir;

    @Test
    void broadFiltersWalkTheSortIndexAndSelectiveOnesKeepTheirs() throws IOException {
        String[] statuses = {"open", "paid", "shipped", "cancelled"};
        StringBuilder csv = new StringBuilder("number,customer,status,amount\n");
        for (int i = 0; i < 12_000; i++) {
            csv.append("N-").append(i).append(",customer ").append(i % 3000).append(',')
                    .append(statuses[i % 4]).append(',').append((i * 7919L) % 10_007).append('\n');
        }
        try (var f = new WorkspaceFixture(Dialect.SQLITE)) {
            f.ws.tables().create(f.ann, new TableSpec("orders", null, List.of(ColumnSpec.of("number", TEXT)
                    .asUnique(), ColumnSpec.of("customer", TEXT), ColumnSpec.of("status", CHOICE)
                    .withChoices(statuses), ColumnSpec.of("amount", INTEGER))));
            f.ws.importer().importCsv(f.ann, "orders", Files.writeString(dir.resolve("o.csv"), csv), Map.of(), false);
            TableDef t = f.db.jdbi().withHandle(h -> new Schema(Dialect.SQLITE).require(h, f.ann.workspaceId(),
                    "orders"));
            Column amount = t.column("amount").orElseThrow();
            var byAmount = List.of(new RecordQuery.SortKey(amount, true));
            var broad = f.db.jdbi().withHandle(h -> SqlitePlanHints.broadColumns(h, t, byAmount));
            assertThat(broad).containsExactly(t.column("status").orElseThrow().id());

            var page = f.records().list(f.ann, "orders", JsonRecords.query(List.of("status:eq:paid",
                    "amount:gte:100"), "-amount", null, 50, 0)).records();
            List<Long> expected = new java.util.ArrayList<>();
            for (int i = 0; i < 12_000; i++) {
                long a = (i * 7919L) % 10_007;
                if (i % 4 == 1 && a >= 100) {
                    expected.add(a);
                }
            }
            expected.sort(Comparator.reverseOrder());
            assertThat(page).extracting(r -> r.get("amount")).containsExactlyElementsOf(expected.subList(0, 50));
            assertThat(page).allSatisfy(r -> assertThat(r).containsEntry("status", "paid"));
        }
    }
}
