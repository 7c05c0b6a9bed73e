package dev.cairn.workspace.imports;

import static dev.cairn.workspace.WorkspaceFixture.json;
import static dev.cairn.workspace.model.ColumnType.INTEGER;
import static dev.cairn.workspace.model.ColumnType.REFERENCE;
import static dev.cairn.workspace.model.ColumnType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.JsonRecords;
import dev.cairn.workspace.WorkspaceFixture;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Imports that link rows by natural keys (an auto-number, a unique column, the display column, or a key the mapping
 * names) instead of ids, and imports of the valid rows only with the others reported; on SQLite and PostgreSQL.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Dialect.class)
class NaturalKeyImportTest {
    final WorkspaceFixture f;
    final JsonRecords records;
    @TempDir
    Path dir;

    NaturalKeyImportTest(Dialect dialect) {
        this.f = new WorkspaceFixture(dialect);
        this.records = f.records();
    }

    @BeforeEach
    void tables() {
        var t = f.ws.tables();
        t.create(f.ann, new TableSpec("customers", null, List.of(ColumnSpec.of("name", TEXT).asRequired(),
                ColumnSpec.of("code", TEXT).asUnique())));
        t.create(f.ann, new TableSpec("warehouses", null, List.of(ColumnSpec.of("code", TEXT).asUnique()
                .asRequired(), ColumnSpec.of("city", TEXT))));
        t.create(f.ann, new TableSpec("orders", null, List.of(ColumnSpec.autoNumber("number", "SO-", 1001),
                ColumnSpec.of("customer", REFERENCE).referencing("customers"),
                ColumnSpec.of("warehouse", REFERENCE).referencing("warehouses"))));
        t.create(f.ann, new TableSpec("order_lines", null, List.of(
                ColumnSpec.of("order", REFERENCE).referencing("orders").asRequired(),
                ColumnSpec.of("quantity", INTEGER).asRequired())));
        records.create(f.ann, "customers", json("{'name': 'Acme Trading', 'code': 'C-1'}"));
        records.create(f.ann, "customers", json("{'name': 'Borealis', 'code': 'C-2'}"));
        records.create(f.ann, "customers", json("{'name': 'Twin', 'code': 'C-3'}"));
        records.create(f.ann, "customers", json("{'name': 'Twin', 'code': 'C-4'}"));
        records.create(f.ann, "warehouses", json("{'code': 'W-100', 'city': 'Utrecht'}"));
        records.create(f.ann, "warehouses", json("{'code': 'W-200', 'city': 'Ghent'}"));
    }

    @AfterEach
    void close() {
        f.close();
    }

    Path csv(String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "import", ".csv"), text);
    }

    List<Map<String, Object>> all(String table) {
        return records.list(f.ann, table, JsonRecords.query(List.of(), null, null, 1000, 0)).records();
    }

    @Test
    void referencesNameRecordsByTheirKeys() throws IOException {
        var result = f.ws.importer().importCsv(f.ann, "orders", csv("customer,warehouse\n"
                + "acme trading,W-200\nC-2,W-100\n2,#1\n"), Map.of(), false);
        assertThat(result.inserted()).isEqualTo(3);
        assertThat(all("orders")).extracting(o -> o.get("number"), o -> o.get("customer"), o -> o.get("warehouse"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SO-1001", 1L, 2L),
                        org.assertj.core.groups.Tuple.tuple("SO-1002", 2L, 1L),
                        org.assertj.core.groups.Tuple.tuple("SO-1003", 2L, 1L));
        var lines = f.ws.importer().importCsv(f.ann, "order_lines", csv("Order,Quantity\nSO-1002,5\nso-1003,1\n"),
                Map.of(), false);
        assertThat(lines.inserted()).isEqualTo(2);
        assertThat(all("order_lines")).extracting(l -> l.get("order")).containsExactly(2L, 3L);
        var byCity = f.ws.importer().importCsv(f.ann, "orders", csv("customer,warehouse\nC-1,Ghent\n"),
                Map.of("warehouse", "warehouse.city"), false);
        assertThat(byCity.inserted()).isEqualTo(1);
        assertThat(all("orders").getLast()).containsEntry("warehouse", 2L).containsEntry("number", "SO-1004");
    }

    @Test
    void anUnknownOrAmbiguousKeyIsReportedWithItsRow() throws IOException {
        Path file = csv("customer,warehouse\nTwin,W-100\nNobody,W-999\nC-1,W-100\n");
        assertThatThrownBy(() -> f.ws.importer().importCsv(f.ann, "orders", file, Map.of(), false))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field, FieldError::message).containsExactly(
                                org.assertj.core.groups.Tuple.tuple("row 2: customer", "'Twin' matches several "
                                        + "records of 'customers' by name; use a unique column or the record's id"),
                                org.assertj.core.groups.Tuple.tuple("row 3: customer", "no record of 'customers' has"
                                        + " 'Nobody' as its code or name (nor is it a record id)"),
                                org.assertj.core.groups.Tuple.tuple("row 3: warehouse", "no record of 'warehouses' "
                                        + "has 'W-999' as its code (nor is it a record id)")));
        assertThat(all("orders")).isEmpty();
        assertThatThrownBy(() -> f.ws.importer().importCsv(f.ann, "orders", file, Map.of("customer",
                "customer.nope"), false)).hasMessageContaining("'customer' names records by 'nope', which is not a "
                + "column of 'customers'");
    }

    @Test
    void theValidRowsCanBeImportedAndTheOthersReported() throws IOException {
        Path file = csv("order,quantity\nSO-1001,1\nSO-1001,x\nSO-9999,2\n,3\nSO-1001,4\n");
        records.create(f.ann, "orders", json("{}"));
        var result = f.ws.importer().importCsv(f.ann, "order_lines", file, Map.of(), false, true);
        assertThat(result.dryRun()).isFalse();
        assertThat(result.rows()).isEqualTo(5);
        assertThat(result.inserted()).isEqualTo(2);
        assertThat(result.errors()).extracting(FieldError::field).containsExactly("row 3: quantity", "row 4: order",
                "row 5: order");
        assertThat(all("order_lines")).extracting(l -> l.get("quantity")).containsExactly(1L, 4L);
        assertThatThrownBy(() -> f.ws.importer().importCsv(f.ann, "order_lines", file, Map.of(), false))
                .hasMessageContaining("nothing was imported");
        assertThat(all("order_lines")).hasSize(2);
    }
}
