package dev.cairn.export.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.export.ExportFixture;
import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.model.TableDef;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server killed (SIGKILL) in the middle of applying a restore leaves the workspace exactly as it was: the apply is one
 * transaction, so the rows it had written are not there when the database opens again, and the restore can be run
 * again from the start.
 */
class RestoreKillTest {
    private static final int ROWS = 60_000;
    @TempDir
    Path tmp;
    final ExportFixture f = new ExportFixture(Dialect.SQLITE).withData();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aKillMidApplyLeavesTheWorkspaceAsItWas() throws Exception {
        TableDef customers = f.table("customers");
        String name = customers.column("name").orElseThrow().sql();
        f.db.jdbi().useHandle(h -> h.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE "
                + "i < " + ROWS + ") INSERT INTO " + customers.sql() + " (id, version, created_at, updated_at, " + name
                + ") SELECT i + 100, 1, 0, 0, 'customer ' || i FROM n"));
        Path copy = RestoreFixture.copy(f, List.of("jsonl"), tmp);
        f.db.jdbi().useHandle(h -> h.execute("UPDATE " + customers.sql() + " SET " + name + " = " + name
                + " || ' changed'"));
        State before = State.of(f);
        String file = f.db.reads().withHandle(h -> h.createQuery("PRAGMA database_list").map((rs, ctx) ->
                rs.getString("file")).first());
        Path db = Path.of(file);
        Path wal = Path.of(db + "-wal");

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RestoreKillChild.class.getName(), db.toString(),
                copy.toString(), Long.toString(f.ann.workspaceId()), Long.toString(f.ann.accountId()),
                Long.toString(before.seq()), ExportFixture.KEY.publicKey(),
                f.scratch.resolve("store").toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        long walBefore = Files.exists(wal) ? Files.size(wal) : 0;
        for (int i = 0; i < 6000 && child.isAlive() && (Files.exists(wal) ? Files.size(wal) : 0) < walBefore
                + (2 << 20); i++) {
            Thread.sleep(10);
        }
        assertThat(child.isAlive()).as("the child was still applying: %s", log()).isTrue();
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(log()).contains("applying").doesNotContain("done");

        assertThat(State.of(f)).isEqualTo(before);
        RestoreService restore = RestoreFixture.service(f);
        RestoreOptions replace = new RestoreOptions("jsonl", "replace", null, false);
        restore.apply(f.ann, copy, replace, before.seq());
        assertThat(restore.diff(f.ann, copy, replace).isEmpty()).isTrue();
    }

    private String log() throws Exception {
        File file = tmp.resolve("child.log").toFile();
        return file.exists() ? Files.readString(file.toPath()) : "";
    }
}
