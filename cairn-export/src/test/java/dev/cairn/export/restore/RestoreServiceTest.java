package dev.cairn.export.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.export.ExportFixture;
import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.records.RecordInput;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restoring a workspace from its own copy after it changed: the diff names each change field by field, replace makes it
 * the copy again (history goes on: the restore's own changes and a {@code copy-restore} entry naming the copy), merge
 * adds and updates by id and deletes nothing.
 */
class RestoreServiceTest {
    @TempDir
    Path tmp;
    final ExportFixture f = new ExportFixture(Dialect.SQLITE).withData();
    final RestoreService restore = RestoreFixture.service(f);

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void replaceShowsTheDiffThenMakesTheWorkspaceTheCopyAndLogsIt() throws Exception {
        Path copy = RestoreFixture.copy(f, List.of("sqlite"), tmp);
        long zoe = f.ids.get("customers").getFirst();
        f.ws.records().update(f.ann, "customers", zoe, 1L, RecordInput.of(Map.of("name", new Value.Text("Zed"))));
        long late = f.ws.records().create(f.ann, "customers", RecordInput.of(Map.of("name",
                new Value.Text("Late")))).id();
        RestoreOptions replace = new RestoreOptions(null, "replace", null, false);

        RestoreDiff diff = restore.diff(f.ann, copy, replace);
        RestoreDiff.TableDiff customers = diff.tables().stream().filter(t -> t.name().equals("customers"))
                .findFirst().orElseThrow();
        assertThat(diff.format()).isEqualTo("sqlite");
        assertThat(List.of(customers.added(), customers.changed(), customers.deleted(), customers.unchanged()))
                .containsExactly(0L, 1L, 1L, 2L);
        assertThat(customers.samples()).anySatisfy(s -> {
            assertThat(s.id()).isEqualTo(zoe);
            assertThat(s.fields()).containsOnlyKeys("name");
            assertThat(s.fields().get("name")).isEqualTo(new RestoreDiff.FieldChange("Zed", "Zoë 日本 🎉"));
        });
        assertThat(customers.samples()).anySatisfy(s -> assertThat(s).isEqualTo(
                new RestoreDiff.RowChange(late, "deleted", Map.of())));

        RestoreService.Applied applied = restore.apply(f.ann, copy, replace, diff.seq());
        assertThat(restore.diff(f.ann, copy, replace).isEmpty()).isTrue();
        assertThat(f.ws.records().get(f.ann, "customers", zoe).value("name")).isEqualTo(new Value.Text("Zoë 日本 🎉"));
        assertThat(f.ws.records().get(f.ann, "customers", zoe).version()).isEqualTo(3);
        List<String> log = f.db.reads().withHandle(h -> h.createQuery("SELECT op || ' ' || COALESCE(record_id, 0) "
                + "|| ' ' || actor || ' ' || COALESCE(new_values, '') FROM ws_changes WHERE seq > :s ORDER BY seq")
                .bind("s", diff.seq()).mapTo(String.class).list());
        assertThat(log).anySatisfy(l -> assertThat(l).startsWith("update " + zoe + " ann "))
                .anySatisfy(l -> assertThat(l).startsWith("delete " + late + " ann "))
                .anySatisfy(l -> assertThat(l).startsWith("copy-restore 0 ann ")
                        .contains("\"manifestSha256\":\"" + diff.copy().digest() + "\"", "\"mode\":\"replace\""));
        assertThat(applied.seq()).isEqualTo(diff.seq() + log.size());
    }

    @Test
    void mergeAddsAndUpdatesByIdAndDeletesNothing() throws Exception {
        Path copy = RestoreFixture.copy(f, List.of("csv"), tmp);
        long zoe = f.ids.get("customers").getFirst();
        f.ws.records().update(f.ann, "customers", zoe, 1L, RecordInput.of(Map.of("name", new Value.Text("Zed"))));
        long late = f.ws.records().create(f.ann, "customers", RecordInput.of(Map.of("name",
                new Value.Text("Late")))).id();
        RestoreOptions merge = new RestoreOptions(null, "merge", null, false);

        RestoreDiff diff = restore.diff(f.ann, copy, merge);
        RestoreDiff.TableDiff customers = diff.tables().stream().filter(t -> t.name().equals("customers"))
                .findFirst().orElseThrow();
        assertThat(List.of(customers.changed(), customers.deleted())).containsExactly(1L, 0L);
        restore.apply(f.ann, copy, merge, diff.seq());

        assertThat(f.ws.records().get(f.ann, "customers", zoe).value("name")).isEqualTo(new Value.Text("Zoë 日本 🎉"));
        assertThat(f.ws.records().get(f.ann, "customers", late).value("name")).isEqualTo(new Value.Text("Late"));
        assertThat(restore.diff(f.ann, copy, merge).isEmpty()).isTrue();
    }
}
