package dev.cairn.export.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.export.ExportFixture;
import dev.cairn.export.build.BundleBuilder;
import dev.cairn.export.bundle.Manifest;
import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.records.RecordInput;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TablePatch;
import dev.cairn.workspace.schema.TableSpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A full export and two incremental ones (record inserts, updates and deletes; a column added; a table created, one
 * dropped), on SQLite and PostgreSQL, rebuild to exactly the database: every table's rows equal those of a full export
 * made at the end and the ids and versions the database holds. A chain missing its middle link is refused by name.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Dialect.class)
class ChainRebuildTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    final ExportFixture f;
    @TempDir
    Path dir;

    ChainRebuildTest(Dialect dialect) {
        this.f = new ExportFixture(dialect).withData();
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aFullExportAndTwoIncrementalsRebuildTheDatabase() throws Exception {
        f.ws.tables().create(f.ann, new TableSpec("scratch", null, List.of(ColumnSpec.of("x", ColumnType.TEXT))));
        add("scratch", Map.of("x", new Value.Text("dropped later")));
        Link full = export("full", List.of("jsonl", "csv"), null);
        assertThat(full.manifest().kind()).isEqualTo(Manifest.FULL);

        long zoe = f.ids.get("customers").getFirst();
        update("customers", zoe, Map.of("name", new Value.Text("Zoë renamed")));
        f.ws.records().delete(f.ann, "orders", f.ids.get("orders").get(1), null);
        long ada = add("customers", Map.of("name", new Value.Text("Ada"), "email", new Value.Text("ada@example.com")));
        Link first = export("first", List.of(), full);
        assertThat(first.manifest().kind()).isEqualTo(Manifest.INCREMENTAL);
        assertThat(first.manifest().formats()).containsExactly("jsonl");
        assertThat(first.manifest().changes().replaced()).isEmpty();
        assertThat(first.manifest().changes().merged()).containsExactlyInAnyOrder(f.table("customers").id(),
                f.table("orders").id());
        assertThat(lines(first, "jsonl/customers.jsonl")).hasSize(2);
        assertThat(lines(first, Manifest.DELETED_PATH)).containsExactly("{\"table\":" + f.table("orders").id()
                + ",\"id\":" + f.ids.get("orders").get(1) + "}");
        assertThat(Files.exists(first.dir().resolve("jsonl/orders.jsonl"))).isTrue();

        f.ws.tables().patch(f.ann, "orders", new TablePatch(null, null, null, null, null,
                List.of(ColumnSpec.of("channel", ColumnType.TEXT).withDefault(new Value.Text("web")))));
        f.ws.tables().create(f.ann, new TableSpec("notes", null, List.of(ColumnSpec.of("body", ColumnType.LONG_TEXT))));
        add("notes", Map.of("body", new Value.Text("first note\nwith a line")));
        f.ws.tables().delete(f.ann, "scratch");
        update("customers", ada, Map.of("vip", new Value.Bool(true)));
        f.ws.records().delete(f.ann, "customers", f.ids.get("customers").get(2), null);
        Link second = export("second", List.of(), first);
        assertThat(second.manifest().changes().replaced()).containsExactlyInAnyOrder(f.table("orders").id(),
                f.table("notes").id());
        assertThat(second.manifest().history()).isTrue();

        List<Link> all = List.of(full, first, second);
        List<Link> chain = Chains.to(second, all);
        assertThat(chain).containsExactly(full, first, second);
        ChainState rebuilt = ChainState.rebuild(chain);

        Link now = export("now", List.of("jsonl"), null);
        assertThat(rebuilt.tables().values()).extracting(ChainState.Table::name)
                .containsExactlyInAnyOrder("customers", "orders", "notes", "files");
        for (ChainState.Table t : rebuilt.tables().values()) {
            assertThat(List.copyOf(t.rows().values())).as(t.name()).isEqualTo(rows(now, t.name()));
            assertThat(idsAndVersions(t)).as(t.name()).isEqualTo(database(t.name()));
        }
        assertThat(rebuilt.table("customers").rows().get(zoe).get("name").textValue()).isEqualTo("Zoë renamed");
        assertThat(rebuilt.table("orders").rows().values()).allSatisfy(r -> assertThat(r.get("channel")).isNotNull());

        Path written = dir.resolve("rebuilt");
        rebuilt.writeJsonLines(written);
        assertThat(Files.readAllBytes(written.resolve("jsonl/notes.jsonl")))
                .isEqualTo(Files.readAllBytes(now.dir().resolve("jsonl/notes.jsonl")));

        assertThat(Chains.check(List.of(full, second)).get(second)).get().asString()
                .contains("is not in this copy", first.manifestSha256());
        assertThatThrownBy(() -> Chains.to(second, List.of(full, second))).isInstanceOf(ChainException.class)
                .hasMessageContaining("the chain is broken");
        assertThatThrownBy(() -> ChainState.rebuild(List.of(full, second))).isInstanceOf(ChainException.class);
    }

    private Link export(String name, List<String> formats, Link previous) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.builder().build(new BundleBuilder.Request(f.ann.workspaceId(), formats, true, previous == null ? null
                : new Manifest.Previous(previous.manifestSha256(), previous.manifest().cut())), ExportFixture.KEY, out);
        Path target = dir.resolve(name);
        for (var e : ExportFixture.Unpacked.of(out.toByteArray()).files().entrySet()) {
            Path p = target.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
        return Link.read(target);
    }

    private long add(String table, Map<String, Value> fields) {
        long id = f.ws.records().create(f.ann, table, RecordInput.of(fields)).id();
        f.ids.computeIfAbsent(table, t -> new ArrayList<>()).add(id);
        return id;
    }

    private void update(String table, long id, Map<String, Value> fields) {
        long version = f.ws.records().get(f.ann, table, id).version();
        f.ws.records().update(f.ann, table, id, version, RecordInput.of(fields));
    }

    private static List<String> lines(Link l, String path) throws Exception {
        return Files.readAllLines(l.dir().resolve(path), StandardCharsets.UTF_8);
    }

    private static List<ObjectNode> rows(Link l, String table) throws Exception {
        List<ObjectNode> out = new ArrayList<>();
        for (String line : lines(l, "jsonl/" + table + ".jsonl")) {
            out.add((ObjectNode) JSON.readTree(line));
        }
        return out;
    }

    private static Map<Long, Long> idsAndVersions(ChainState.Table t) {
        Map<Long, Long> out = new TreeMap<>();
        t.rows().forEach((id, row) -> out.put(id, row.get("version").longValue()));
        return out;
    }

    /** The ids and versions of the table's records, read from the database. */
    private Map<Long, Long> database(String table) {
        TableDef t = f.table(table);
        Map<Long, Long> out = new TreeMap<>();
        f.db.jdbi().useHandle(h -> h.createQuery("SELECT id, version FROM " + t.sql()).map((rs, ctx) -> {
            out.put(rs.getLong(1), rs.getLong(2));
            return null;
        }).list());
        return out;
    }
}
