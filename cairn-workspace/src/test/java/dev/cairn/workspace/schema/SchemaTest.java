package dev.cairn.workspace.schema;

import static dev.cairn.workspace.WorkspaceFixture.json;
import static dev.cairn.workspace.model.ColumnType.CHOICE;
import static dev.cairn.workspace.model.ColumnType.DECIMAL;
import static dev.cairn.workspace.model.ColumnType.INTEGER;
import static dev.cairn.workspace.model.ColumnType.LONG_TEXT;
import static dev.cairn.workspace.model.ColumnType.MONEY;
import static dev.cairn.workspace.model.ColumnType.REFERENCE;
import static dev.cairn.workspace.model.ColumnType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.error.ServiceException;
import dev.cairn.workspace.JsonRecords;
import dev.cairn.workspace.WorkspaceFixture;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.model.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Tables and columns: definitions are validated, and columns are added, renamed, altered and removed without losing data. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Dialect.class)
class SchemaTest {
    final WorkspaceFixture f;
    final TableService tables;
    final JsonRecords records;

    SchemaTest(Dialect dialect) {
        this.f = new WorkspaceFixture(dialect);
        this.tables = f.ws.tables();
        this.records = f.records();
    }

    @AfterEach
    void close() {
        f.close();
    }

    TableSpec items() {
        return tables.create(f.ann, new TableSpec("items", null, List.of(ColumnSpec.of("title", TEXT).asRequired(),
                ColumnSpec.of("price", DECIMAL))));
    }

    @Test
    void invalidDefinitionsNameEveryBadField() {
        assertThatThrownBy(() -> tables.create(f.ann, new TableSpec("Bad Name", null, List.of(
                ColumnSpec.of("id", TEXT),
                new ColumnSpec("x", null, null, null, null, null, null, null, null, null, null, null, "colour"),
                ColumnSpec.of("c", CHOICE), ColumnSpec.of("r", REFERENCE).referencing("nowhere"),
                ColumnSpec.of("m", MONEY).inCurrency("XXY"), ColumnSpec.of("u", LONG_TEXT).asUnique(),
                ColumnSpec.of("d", INTEGER).withDefault(new Value.Text("x"))))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).contains("name", "columns[0].name", "columns[1].type",
                                "columns[2].choices", "columns[3].references", "columns[4].currency",
                                "columns[5].unique", "columns[6].default"));
        assertThat(tables.list(f.ann)).isEmpty();
        items();
        assertThatThrownBy(this::items).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
    }

    @Test
    void columnsAreAddedRenamedAndRemovedWithoutLosingData() {
        items();
        long id = (Long) records.create(f.ann, "items", json("{'title': 'Lamp', 'price': 9.5}")).get("id");
        assertThatThrownBy(() -> tables.patch(f.ann, "items", new TablePatch(null, null, null, null, null,
                List.of(ColumnSpec.of("sku", TEXT).asRequired())))).isInstanceOfSatisfying(
                ValidationException.class, e -> assertThat(e.errors().getFirst().field()).isEqualTo("add[0].default"));
        tables.patch(f.ann, "items", new TablePatch("products", "Products",
                List.of(new TablePatch.Rename("title", "name")), List.of("price"), null,
                List.of(ColumnSpec.of("stock", INTEGER).asRequired().withDefault(new Value.Whole(0)))));
        var renamed = tables.get(f.ann, "products");
        assertThat(renamed.label()).isEqualTo("Products");
        assertThat(renamed.columns()).extracting(ColumnSpec::name).containsExactly("name", "stock");
        assertThat(records.get(f.ann, "products", id)).isEqualTo(Map.of("id", id, "version", 1L, "name", "Lamp",
                "stock", 0L));
        records.delete(f.ann, "products", id, null);
        var history = records.history(f.ann, "products", id);
        assertThat(history.getLast().old()).containsKeys("name", "price", "stock");
        assertThat(((Value.Decimal) history.getLast().old().get("price")).value()).isEqualByComparingTo("9.5");
        assertThatThrownBy(() -> tables.get(f.ann, "items")).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void altersAreCheckedAgainstTheStoredRecords() {
        tables.create(f.ann, new TableSpec("tasks", null, List.of(ColumnSpec.of("title", TEXT),
                ColumnSpec.of("state", CHOICE).withChoices("todo", "done"))));
        records.create(f.ann, "tasks", json("{'title': 'a', 'state': 'todo'}"));
        records.create(f.ann, "tasks", json("{'title': 'a'}"));
        assertThatThrownBy(() -> tables.patch(f.ann, "tasks", new TablePatch(null, null, null, null, List.of(
                new ColumnSpec("title", null, null, null, true, null, null, null, null, null, null, null, null),
                new ColumnSpec("state", null, null, true, null, null, List.of("done"), null, null, null, null,
                        null, null)), null))).isInstanceOfSatisfying(ValidationException.class, e -> {
                            assertThat(e.errors()).extracting(FieldError::field).containsExactly("alter[0].unique");
                        });
        assertThatThrownBy(() -> tables.patch(f.ann, "tasks", new TablePatch(null, null, null, null, List.of(
                new ColumnSpec("state", null, null, true, null, null, List.of("done"), null, null, null, null,
                        null, null)), null))).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.errors()).extracting(FieldError::field).containsExactly("alter[0].required",
                        "alter[0].choices"));
        tables.patch(f.ann, "tasks", new TablePatch(null, null, null, null, List.of(new ColumnSpec("state", "State",
                null, null, null, null, List.of("todo", "done", "blocked"), null, null, null, new Value.Text("todo"),
                null, null)), null));
        assertThat(records.create(f.ann, "tasks", json("{'title': 'b'}"))).containsEntry("state", "todo");
        assertThat(tables.get(f.ann, "tasks").columns().get(1).choices()).containsExactly("todo", "done",
                "blocked");
    }

    @Test
    void referencedTablesCannotBeDeleted() {
        items();
        tables.create(f.ann, new TableSpec("lines", null, List.of(ColumnSpec.of("item", REFERENCE)
                .referencing("items"))));
        assertThatThrownBy(() -> tables.delete(f.ann, "items")).isInstanceOfSatisfying(ServiceException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.IN_USE);
                    assertThat(e.getMessage()).contains("lines.item");
                });
        assertThat(tables.list(f.ann)).hasSize(2);
        tables.delete(f.ann, "lines");
        tables.delete(f.ann, "items");
        assertThat(tables.list(f.ann)).isEmpty();
        items();
    }

    @Test
    void everyChangeAdvancesTheWorkspaceSequence() {
        items();
        records.create(f.ann, "items", json("{'title': 'a'}"));
        records.create(f.ann, "items", json("{'title': 'b'}"));
        long seq = f.db.jdbi().withHandle(h -> h.createQuery("SELECT seq FROM workspaces WHERE id = :w")
                .bind("w", f.ann.workspaceId()).mapTo(Long.class).one());
        List<Long> logged = f.db.jdbi().withHandle(h -> h.createQuery("SELECT seq FROM ws_changes WHERE "
                + "workspace_id = :w ORDER BY seq").bind("w", f.ann.workspaceId()).mapTo(Long.class).list());
        assertThat(logged).containsExactly(1L, 2L, 3L);
        assertThat(seq).isEqualTo(3);
    }

    @Test
    void purgeDropsRemovedColumnsAndDeletedTablesWithTheirHistoryOnly() {
        tables.create(f.ann, new TableSpec("items", null, List.of(ColumnSpec.of("title", TEXT),
                ColumnSpec.of("secret", TEXT).asUnique(), ColumnSpec.of("price", MONEY))));
        long id = (Long) records.create(f.ann, "items", json("{'title': 'Lamp', 'secret': 's3', 'price': "
                + "{'amount': 1, 'currency': 'EUR'}}")).get("id");
        records.update(f.ann, "items", id, 1L, json("{'title': 'Lamp 2', 'secret': 's4'}"));
        tables.create(f.ann, new TableSpec("old", null, List.of(ColumnSpec.of("x", TEXT))));
        records.create(f.ann, "old", json("{'x': 'gone'}"));
        tables.delete(f.ann, "old");
        long oldHistory = f.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ws_changes c JOIN ws_tables t "
                + "ON t.id = c.table_id WHERE t.name = 'old' AND t.deleted_at IS NOT NULL").mapTo(Long.class).one());
        assertThat(oldHistory).as("the deleted table's history, kept until the purge").isPositive();
        tables.patch(f.ann, "items", new TablePatch(null, null, null, List.of("secret", "price"), null, null));
        assertThat(records.history(f.ann, "items", id).getFirst().newValues()).containsKeys("secret", "price");
        var purged = f.ws.purger().purge(f.ann);
        assertThat(purged.tables()).containsExactly("old");
        assertThat(purged.columns()).containsExactly("items.secret", "items.price");
        var history = records.history(f.ann, "items", id);
        assertThat(history.getFirst().newValues()).containsOnlyKeys("title");
        assertThat(history.get(1).old()).containsOnlyKeys("title");
        assertThat(records.get(f.ann, "items", id)).isEqualTo(Map.of("id", id, "version", 2L, "title", "Lamp 2"));
        tables.patch(f.ann, "items", new TablePatch(null, null, null, null, null,
                List.of(ColumnSpec.of("secret", TEXT).asUnique())));
        records.update(f.ann, "items", id, 2L, json("{'secret': 's3'}"));
        assertThat(f.ws.purger().purge(f.ann).columns()).isEmpty();
        long oldChanges = f.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ws_changes c WHERE NOT "
                + "EXISTS (SELECT 1 FROM ws_tables t WHERE t.id = c.table_id)").mapTo(Long.class).one());
        assertThat(oldChanges).as("history left without its table").isZero();
        long oldRows = f.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ws_tables WHERE name = 'old'")
                .mapTo(Long.class).one());
        assertThat(oldRows).as("the deleted table's row went with its history").isZero();
    }
}
