package dev.cairn.workspace.api;

import static dev.cairn.workspace.api.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.server.db.TestDatabases;
import dev.cairn.workspace.WorkspaceServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes on one PostgreSQL: clients updating the same record through both, each retrying on 409 with
 * the current version, lose no change, and the workspace's change log stays gap-free and in commit order; a schema
 * change through one is used by the very next request through the other (each caches table definitions).
 */
class WorkspaceScaleOutTest {
    @TempDir
    Path dir;
    private TestServer one;
    private TestServer two;
    private Api a;
    private Api b;

    /** Two servers on one PostgreSQL database and one store; account "ann" with one full token used through both. */
    @BeforeEach
    void startTwoServers() throws Exception {
        String db = TestDatabases.postgresUrl();
        String store = dir.resolve("store").toString();
        one = WorkspaceServer.start(dir.resolve("one"), c -> c.withStorage(db, store));
        two = WorkspaceServer.start(dir.resolve("two"), c -> c.withStorage(db, store));
        one.account("ann");
        String token = one.token("ann", TokenScope.FULL);
        a = Api.bearer(one, token);
        b = Api.bearer(two, token);
    }

    @AfterEach
    void stopServers() throws Exception {
        try (TestServer first = one; TestServer second = two) {
            // closes both, the second even if the first fails
        }
    }

    @Test
    void concurrentUpdatesThroughTwoServersLoseNothing() throws Exception {
        assertThat(a.post("/tables", "{'name': 'counters', 'columns': [{'name': 'n', 'type': 'integer', "
                + "'default': 0}]}").statusCode()).isEqualTo(201);
        String path = "/tables/counters/records/" + json(b.post("/tables/counters/records", "{}")).get("id");
        int perClient = 15;
        List<Future<Integer>> conflicts = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (Api api : List.of(a, b, a, b)) {
                conflicts.add(pool.submit(() -> increment(api, path, perClient)));
            }
        }
        for (var f : conflicts) {
            f.get(); // 409s met: usually several; the assertions below hold either way
        }
        var record = json(a.get(path));
        assertThat(record.get("n").asLong()).isEqualTo(4L * perClient);
        assertThat(record.get("version").asLong()).isEqualTo(1 + 4L * perClient);
        assertThat(json(b.get(path + "/history"))).hasSize(1 + 4 * perClient);
        List<Long> seqs = one.core().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT seq FROM ws_changes ORDER BY seq").mapTo(Long.class).list());
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(i + 1L);
        }
    }

    @Test
    void aSchemaChangeThroughOneServerIsUsedByTheNextRequestThroughTheOther() throws Exception {
        assertThat(a.post("/tables", "{'name': 'items', 'columns': [{'name': 'code', 'type': 'text'}, "
                + "{'name': 'n', 'type': 'integer'}]}").statusCode()).isEqualTo(201);
        String path = "/tables/items/records/" + json(b.post("/tables/items/records", "{'n': 1}")).get("id");
        assertThat(json(b.get(path)).get("n").asLong()).isEqualTo(1);
        assertThat(a.patch("/tables/items", "{'rename': [{'from': 'n', 'to': 'qty'}], 'alter': [{'name': "
                + "'code', 'maxLength': 3}]}").statusCode()).isEqualTo(200);
        assertThat(json(b.get(path)).get("qty").asLong()).isEqualTo(1);
        assertThat(b.post("/tables/items/records", "{'n': 2}").statusCode()).isEqualTo(422);
        assertThat(b.post("/tables/items/records", "{'code': 'long', 'qty': 2}").statusCode()).isEqualTo(422);
        assertThat(b.post("/tables/items/records", "{'code': 'ok', 'qty': 2}").statusCode()).isEqualTo(201);
    }

    /** Adds 1 to n {@code times}, re-reading and retrying on 409 as a client should; returns how many 409s it met. */
    private static int increment(Api api, String path, int times) {
        int conflicts = 0;
        for (int done = 0; done < times; ) {
            var current = json(api.get(path));
            var r = api.patch(path, "{'n': " + (current.get("n").asLong() + 1) + "}", "If-Match",
                    "\"" + current.get("version").asLong() + "\"");
            if (r.statusCode() == 200) {
                done++;
            } else if (r.statusCode() == 409) {
                conflicts++;
            } else {
                throw new AssertionError(r.statusCode() + " " + r.body());
            }
        }
        return conflicts;
    }
}
