package dev.cairn.workspace.imports;

import static dev.cairn.workspace.WorkspaceFixture.json;
import static dev.cairn.workspace.model.ColumnType.BOOLEAN;
import static dev.cairn.workspace.model.ColumnType.DATE;
import static dev.cairn.workspace.model.ColumnType.DATETIME;
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
import dev.cairn.server.storage.SpoolDirectory;
import dev.cairn.workspace.JsonRecords;
import dev.cairn.workspace.WorkspaceFixture;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.records.Change;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.Schema;
import dev.cairn.workspace.schema.TableSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

/** CSV import: mapping, dry-run preview of every error, all-or-nothing insert, limits; on SQLite and PostgreSQL. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Dialect.class)
class ImporterTest {
    final WorkspaceFixture f;
    final JsonRecords records;
    @TempDir
    Path dir;
    long acme;

    ImporterTest(Dialect dialect) {
        this.f = new WorkspaceFixture(dialect);
        this.records = f.records();
    }

    @BeforeEach
    void tables() {
        f.ws.tables().create(f.ann, new TableSpec("customers", null, List.of(ColumnSpec.of("name", TEXT)
                .asRequired())));
        acme = (Long) records.create(f.ann, "customers", json("{'name': 'Acme'}")).get("id");
        f.ws.tables().create(f.ann, new TableSpec("products", null, List.of(
                ColumnSpec.of("sku", TEXT).asRequired().asUnique(),
                new ColumnSpec("unit_price", "Unit price", MONEY, true, null, null, null, null, "EUR", null,
                        null, null, null),
                ColumnSpec.of("stock", INTEGER).withDefault(new Value.Whole(0)),
                ColumnSpec.of("supplier", REFERENCE).referencing("customers"),
                ColumnSpec.of("notes", LONG_TEXT))));
        records.create(f.ann, "products", json("{'sku': 'OLD-1', 'unit_price': 1}"));
    }

    @AfterEach
    void close() {
        f.close();
    }

    Path csv(String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "import", ".csv"), text);
    }

    long count() {
        return records.list(f.ann, "products", JsonRecords.query(List.of(), null, null, 1000, 0)).records().size();
    }

    @Test
    void aDryRunReportsEveryProblemWithItsRowAndStoresNothing() throws IOException {
        Path file = csv("\uFEFFsku,Unit price,stock,supplier,Comment\n"
                + "A-1,9.99,5," + acme + ",first\n"
                + "A-2,abc,x,999,\n"
                + "A-1,1,,,dup in file\n"
                + "OLD-1,2,,,dup of stored\n"
                + ",3,,,\n");
        var result = f.ws.importer().importCsv(f.ann, "products", file, Map.of("Comment", "notes"), true);
        assertThat(result.dryRun()).isTrue();
        assertThat(result.rows()).isEqualTo(5);
        assertThat(result.valid()).isEqualTo(1);
        assertThat(result.inserted()).isZero();
        assertThat(result.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                "row 3: unit_price", "row 3: stock", "row 3: supplier", "row 4: sku", "row 5: sku", "row 6: sku");
        assertThat(result.errors()).filteredOn(e -> e.field().equals("row 4: sku")).singleElement()
                .extracting(FieldError::message).asString().contains("repeats row 2");
        assertThat(result.mapping()).containsEntry("Unit price", "unit_price").containsEntry("Comment", "notes");
        assertThat(result.preview()).singleElement().satisfies(p -> assertThat(JsonRecords.wire(p))
                .containsEntry("unit_price", Map.of("amount", "9.99", "currency", "EUR")).containsEntry("stock", 5L));
        assertThatThrownBy(() -> f.ws.importer().importCsv(f.ann, "products", file, Map.of("Comment", "notes"),
                false)).isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.errors()).hasSize(6);
                    assertThat(e.getMessage()).contains("nothing was imported");
                });
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void aCleanFileIsImportedWhollyWithHistoryAndFreshIds() throws IOException {
        StringBuilder text = new StringBuilder("sku,unit_price,notes\n");
        for (int i = 0; i < 2500; i++) {
            text.append("S-").append(i).append(',').append(i).append(".5,\"line, with comma\nand newline\"\n");
        }
        var result = f.ws.importer().importCsv(f.ann, "products", csv(text.toString()), Map.of(), false);
        assertThat(result.inserted()).isEqualTo(2500);
        assertThat(result.errorCount()).isZero();
        var page = records.list(f.ann, "products", JsonRecords.query(List.of("sku:eq:S-2499"), null, null, 10, 0));
        var last = page.records().getFirst();
        assertThat(last).containsEntry("notes", "line, with comma\nand newline").containsEntry("stock", 0L)
                .containsEntry("unit_price", Map.of("amount", "2499.50", "currency", "EUR"));
        assertThat(records.history(f.ann, "products", (Long) last.get("id"))).singleElement()
                .extracting(Change::op).isEqualTo("insert");
        var after = records.create(f.ann, "products", json("{'sku': 'NEW', 'unit_price': 1}"));
        assertThat((Long) after.get("id")).isGreaterThan((Long) last.get("id"));
        long seq = f.db.jdbi().withHandle(h -> h.createQuery("SELECT MAX(seq) - COUNT(*) FROM ws_changes WHERE "
                + "workspace_id = :w").bind("w", f.ann.workspaceId()).mapTo(Long.class).one());
        assertThat(seq).as("sequence numbers stay gap-free").isZero();
    }

    @Test
    void filesThatDoNotFitTheTableAreRefusedBeforeAnyRow() throws IOException {
        assertThatThrownBy(() -> f.ws.importer().importCsv(f.ann, "products", csv("sku,colour\nA,red\n"),
                Map.of(), true)).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::message).anyMatch(m -> m.contains("'colour' matches no column"))
                        .anyMatch(m -> m.contains("required column 'unit_price' is not in the file")));
        assertThatThrownBy(() -> f.ws.importer().importCsv(f.ann, "products", csv(""), Map.of(), true))
                .isInstanceOf(ValidationException.class);
        var skipped = f.ws.importer().importCsv(f.ann, "products", csv("sku,colour,price\nA,red,1\n"),
                Map.of("colour", "", "price", "unit_price"), false);
        assertThat(skipped.inserted()).isEqualTo(1);
    }

    @Test
    void oversizedImportsAreRefusedWithTheLimits(@TempDir Path spool) throws IOException {
        var small = new Importer(f.db.jdbi(), new Schema(f.db.dialect()), f.clock, new Importer.Limits(1024, 3),
                () -> { }, new SpoolDirectory(spool));
        Path kept = small.spool(new ByteArrayInputStream(new byte[1000]), 1000);
        assertThat(kept.getParent()).isEqualTo(spool);
        assertThat(kept).hasSize(1000);
        Files.delete(kept);
        assertThatThrownBy(() -> small.spool(new ByteArrayInputStream(new byte[2048]), -1))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
                    assertThat(e.getMessage()).contains("limited to 0 MiB and 3 rows");
                });
        assertThatThrownBy(() -> small.spool(new ByteArrayInputStream(new byte[1]), 5000))
                .isInstanceOf(ServiceException.class);
        Path ok = small.spool(new ByteArrayInputStream("sku,unit_price\na,1\nb,1\nc,1\nd,1\n"
                .getBytes(StandardCharsets.UTF_8)), -1);
        assertThatThrownBy(() -> small.importCsv(f.ann, "products", ok, Map.of(), false))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.TOO_LARGE));
        assertThat(count()).isEqualTo(1);
        Files.delete(ok);
        assertThat(spool).as("refused uploads leave no file behind").isEmptyDirectory();
    }

    @Test
    void aFirstLoadIntoAnEmptyTableKeepsTextExactlyAndRebuildsItsIndexes() throws IOException {
        f.ws.tables().create(f.ann, new TableSpec("parts", null, List.of(ColumnSpec.of("code", TEXT)
                .asUnique(), ColumnSpec.of("label", TEXT), ColumnSpec.of("qty", INTEGER))));
        List<String> before = indexes("parts");
        StringBuilder text = new StringBuilder("code,label,qty\n");
        text.append("P-0,\"tab\there, back\\slash \\N \"\"quoted\"\"\r\nnext line ü\",7\n");
        for (int i = 1; i < 1200; i++) {
            text.append("P-").append(i).append(",part ").append(i).append(',').append(i % 9).append('\n');
        }
        var result = f.ws.importer().importCsv(f.ann, "parts", csv(text.toString()), Map.of(), false);
        assertThat(result.inserted()).isEqualTo(1200);
        var first = records.list(f.ann, "parts", JsonRecords.query(List.of("code:eq:P-0"), null, null, 1, 0))
                .records().getFirst();
        String label = "tab\there, back\\slash \\N \"quoted\"\r\nnext line ü";
        assertThat(first).containsEntry("label", label).containsEntry("qty", 7L);
        assertThat(records.history(f.ann, "parts", (Long) first.get("id"))).singleElement()
                .satisfies(c -> assertThat(c.newValues().get("label").wire()).isEqualTo(label));
        assertThat(indexes("parts")).as("indexes are back after the load").isEqualTo(before).isNotEmpty();
        assertThatThrownBy(() -> f.db.jdbi().useHandle(h -> h.execute("INSERT INTO " + table("parts")
                + " (version, created_at, updated_at, c_" + column("parts", "code") + ") VALUES (1, 0, 0, 'P-5')")))
                .as("the unique index is enforced again").message().containsIgnoringCase("unique");
    }

    @Test
    void sortIndexesEndWithTheIdSoAListingByAColumnWithTiesStopsAfterItsPage() {
        f.ws.tables().create(f.ann, new TableSpec("parts", null, List.of(ColumnSpec.of("code", TEXT)
                .asUnique(), ColumnSpec.of("qty", INTEGER))));
        String qty = "c_" + column("parts", "qty");
        String code = "c_" + column("parts", "code");
        // listings order by (column, id); SQLite's index entries end with the rowid, which is the id
        assertThat(indexes("parts")).anySatisfy(ix -> assertThat(ix).endsWith(f.db.dialect() == Dialect.POSTGRES
                ? "(" + qty + " NULLS FIRST, id)" : "(" + qty + ")"))
                .anySatisfy(ix -> assertThat(ix).contains("UNIQUE").endsWith("(" + code + ")"));
    }

    @Test
    void aBadRowLateInAFirstLoadLeavesTheTableEmptyWithItsIndexes() throws IOException {
        f.ws.tables().create(f.ann, new TableSpec("parts", null, List.of(ColumnSpec.of("code", TEXT)
                .asUnique(), ColumnSpec.of("qty", INTEGER))));
        List<String> before = indexes("parts");
        long seq = workspaceSeq();
        StringBuilder text = new StringBuilder("code,qty\n");
        for (int i = 0; i < 3000; i++) {
            text.append("P-").append(i).append(',').append(i == 2999 ? "many" : Integer.toString(i)).append('\n');
        }
        assertThatThrownBy(() -> f.ws.importer().importCsv(f.ann, "parts", csv(text.toString()), Map.of(),
                false)).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("row 3001: qty"));
        assertThat(records.list(f.ann, "parts", JsonRecords.query(List.of(), null, null, 10, 0)).records()).isEmpty();
        assertThat(indexes("parts")).isEqualTo(before);
        assertThat(workspaceSeq()).isEqualTo(seq);
        assertThat(f.ws.importer().importCsv(f.ann, "parts", csv("code,qty\nP-1,1\n"), Map.of(), false)
                .inserted()).as("the table is usable afterwards").isEqualTo(1);
    }

    @Test
    void aValueTheUniqueIndexRefusesIsReportedWithItsRowAndNothingIsStored() throws IOException {
        long seq = workspaceSeq();
        Path file = csv("sku,unit_price\nN-1,1\nN-2,2\nOLD-1,3\nN-3,4\n");
        assertThatThrownBy(() -> f.ws.importer().importCsv(f.ann, "products", file, Map.of(), false))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(err -> {
                            assertThat(err.field()).isEqualTo("row 4: sku");
                            assertThat(err.message()).contains("already used by a stored record");
                        }));
        assertThat(count()).isEqualTo(1);
        assertThat(workspaceSeq()).isEqualTo(seq);
        assertThat(f.ws.importer().importCsv(f.ann, "products", csv("sku,unit_price\nN-1,1\n"), Map.of(), false)
                .inserted()).isEqualTo(1);
    }

    @Test
    void aReferenceToAMissingRecordRefusesAWrittenImportOnce() throws IOException {
        long seq = workspaceSeq();
        Path file = csv("sku,unit_price,supplier\nR-1,1," + acme + "\nR-2,1,999\n");
        assertThatThrownBy(() -> f.ws.importer().importCsv(f.ann, "products", file, Map.of(), false))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("row 3: supplier"));
        assertThat(count()).isEqualTo(1);
        assertThat(workspaceSeq()).isEqualTo(seq);
    }

    long workspaceSeq() {
        return f.db.jdbi().withHandle(h -> h.createQuery("SELECT seq FROM workspaces WHERE id = :w")
                .bind("w", f.ann.workspaceId()).mapTo(Long.class).one());
    }

    String table(String name) {
        return "r_" + tableId(name);
    }

    long tableId(String name) {
        return f.db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM ws_tables WHERE workspace_id = :w "
                + "AND name = :n AND deleted_at IS NULL").bind("w", f.ann.workspaceId()).bind("n", name).mapTo(Long.class).one());
    }

    long column(String tableName, String columnName) {
        return f.db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM ws_columns WHERE table_id = :t AND name = :n")
                .bind("t", tableId(tableName)).bind("n", columnName)
                .mapTo(Long.class).one());
    }

    List<String> indexes(String name) {
        String sql = f.db.dialect() == Dialect.SQLITE
                ? "SELECT name || ':' || sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL"
                : "SELECT indexname || ':' || indexdef FROM pg_indexes WHERE tablename = :t";
        return f.db.jdbi().withHandle(h -> h.createQuery(sql + " ORDER BY 1").bind("t", table(name))
                .mapTo(String.class).list());
    }

    @Test
    void xlsxWorkbooksImportLikeCsvWithSerialDates() throws IOException {
        f.ws.tables().create(f.ann, new TableSpec("visits", null, List.of(ColumnSpec.of("who", TEXT)
                .asRequired(), ColumnSpec.of("day", DATE), ColumnSpec.of("at", DATETIME),
                ColumnSpec.of("paid", BOOLEAN), ColumnSpec.of("fee", DECIMAL))));
        Path file = dir.resolve("visits.xlsx");
        try (var out = Files.newOutputStream(file)) {
            var wb = new org.dhatim.fastexcel.Workbook(out, "cairn-test", "1.0");
            var ws = wb.newWorksheet("Visits");
            String[] header = {"who", "day", "at", "paid", "fee"};
            for (int i = 0; i < header.length; i++) {
                ws.value(0, i, header[i]);
            }
            ws.value(1, 0, "Ann");
            ws.value(1, 1, java.time.LocalDate.of(2026, 11, 23));
            ws.value(1, 2, java.time.LocalDateTime.of(2026, 11, 23, 18, 30));
            ws.value(1, 3, true);
            ws.value(1, 4, 12.5);
            ws.value(3, 0, "Bob");
            ws.value(3, 4, "lots");
            wb.finish();
        }
        var dry = f.ws.importer().importXlsx(f.ann, "visits", file, Map.of(), true);
        assertThat(dry.rows()).isEqualTo(2);
        assertThat(dry.errors()).extracting(FieldError::field).containsExactly("row 4: fee");
        assertThat(dry.preview()).singleElement().satisfies(p -> assertThat(JsonRecords.wire(p))
                .containsEntry("day", "2026-11-23")
                .containsEntry("at", "2026-11-23T18:30:00Z").containsEntry("paid", true)
                .containsEntry("fee", new java.math.BigDecimal("12.50")));
    }
}
