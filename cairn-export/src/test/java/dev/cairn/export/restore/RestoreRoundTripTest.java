package dev.cairn.export.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.export.ExportFixture;
import dev.cairn.export.format.Formats;
import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.records.Record;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Export → restore into a fresh server and a new account, from each of the six formats, on SQLite and PostgreSQL:
 * afterwards the diff against the copy is empty, and every record is there with its id, version and values (unicode,
 * null beside the empty text, exact decimals and money, instants, references, attached files with their upload ids)
 * as the record service reads them, and each attached file downloads byte for byte, counted in the new owner's quota.
 */
class RestoreRoundTripTest {
    @TempDir
    Path tmp;
    private final List<ExportFixture> open = new ArrayList<>();

    @AfterEach
    void close() {
        open.forEach(ExportFixture::close);
    }

    static List<Object[]> cases() {
        List<Object[]> out = new ArrayList<>();
        for (Dialect d : Dialect.values()) {
            for (String format : Formats.NAMES) {
                out.add(new Object[] {d, format});
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void restoresIntoAFreshServerWithZeroDiff(Dialect dialect, String format) {
        ExportFixture source = fixture(new ExportFixture(dialect).withData());
        Path copy = RestoreFixture.copy(source, List.of(format), tmp);
        ExportFixture target = fixture(new ExportFixture(dialect));
        RestoreService restore = RestoreFixture.service(target);
        RestoreOptions options = new RestoreOptions(null, "replace", null, true);

        RestoreDiff before = restore.diff(target.ann, copy, options);
        assertThat(before.format()).isEqualTo(format);
        assertThat(before.tables()).extracting(RestoreDiff.TableDiff::change).containsOnly("added");
        assertThat(before.tables()).extracting(RestoreDiff.TableDiff::added).containsExactly(3L, 3L, 3L);
        restore.apply(target.ann, copy, options, before.seq());

        RestoreDiff after = restore.diff(target.ann, copy, options);
        assertThat(after.isEmpty()).as("diff after restore: %s", after).isTrue();
        for (String table : List.of("customers", "orders", "files")) {
            assertThat(records(target, table, source.ids.get(table))).as(table)
                    .isEqualTo(records(source, table, source.ids.get(table)));
            assertThat(target.table(table).id()).isEqualTo(source.table(table).id());
            assertThat(target.table(table).columns()).isEqualTo(source.table(table).columns());
        }
        assertThat(target.ws.records().get(target.ann, "files", source.ids.get("files").getFirst()).value("scan"))
                .as("the files keep their upload ids, names, types, sizes and digests")
                .isEqualTo(source.ws.records().get(source.ann, "files", source.ids.get("files").getFirst())
                        .value("scan")).isNotNull();
        assertThat(source.uploaded).hasSize(3);
        for (var upload : source.uploaded.entrySet()) {
            assertThat(download(target, upload.getKey())).as("upload %s", upload.getKey())
                    .isEqualTo(upload.getValue());
        }
        assertThat(target.quota.usage(target.ann.accountId()).storedBytes()).as("counted in the quota")
                .isEqualTo(source.uploaded.values().stream().mapToLong(b -> b.length).sum());
    }

    /** The bytes of upload {@code id} of {@code f}'s workspace, as a download reads them. */
    static byte[] download(ExportFixture f, String id) {
        try (var d = f.files.open(f.ann, id).content()) {
            return d.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** [id, version, values...] of the records {@code ids} of {@code table} in {@code f}'s workspace. */
    static List<List<Object>> records(ExportFixture f, String table, List<Long> ids) {
        List<List<Object>> out = new ArrayList<>();
        for (long id : ids) {
            Record r = f.ws.records().get(f.ann, table, id);
            List<Object> row = new ArrayList<>(List.of(r.id(), r.version()));
            f.table(table).columns().forEach(c -> row.add(Value.canonicalOf(r.value(c.name()))));
            out.add(row);
        }
        return out;
    }

    private ExportFixture fixture(ExportFixture f) {
        open.add(f);
        return f;
    }
}
