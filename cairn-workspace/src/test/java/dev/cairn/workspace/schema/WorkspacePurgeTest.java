package dev.cairn.workspace.schema;

import static dev.cairn.workspace.WorkspaceFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.JsonRecords;
import dev.cairn.workspace.WorkspaceFixture;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.reports.ReportSpec;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Purging an account's workspace drops its physical tables and rows; another tenant's workspace is untouched. */
class WorkspacePurgeTest {
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void purgeDropsTheTenantsTablesOnly(Dialect dialect) {
        try (WorkspaceFixture f = new WorkspaceFixture(dialect)) {
            long vicId = f.account("vic");
            Caller vic = f.caller(vicId, "vic");
            for (Caller c : List.of(vic, f.ann)) {
                f.ws.templates().apply(c, "client-matters");
                f.records().create(c, "clients", json("{'name': 'X'}"));
            }
            f.ws.reports().create(vic, new ReportSpec(null, "all", "clients", null, null, null, null, null, null));
            List<Long> vicTables = f.db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM ws_tables WHERE "
                    + "workspace_id = :w").bind("w", vic.workspaceId()).mapTo(Long.class).list());
            assertThat(vicTables).as("the tables to purge").isNotEmpty();
            assertThat(changes(f, vic.workspaceId())).as("history to purge").isPositive();
            for (long id : vicTables) { // the query that fails after the purge works before it
                long rows = f.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM r_" + id).mapTo(Long.class).one());
                assertThat(rows).isNotNegative();
            }
            f.ws.workspaces().purge(vicId);
            f.db.jdbi().useHandle(h -> h.execute("DELETE FROM accounts WHERE id = ?", vicId));
            for (long id : vicTables) {
                assertThatThrownBy(() -> f.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM r_" + id)
                        .mapTo(Long.class).one())).isInstanceOf(Exception.class);
            }
            assertThat(changes(f, vic.workspaceId())).isZero();
            assertThat(f.records().list(f.ann, "clients", JsonRecords.query(List.of(), null, null, 10, 0)).records())
                    .hasSize(1);
        }
    }

    private static long changes(WorkspaceFixture f, long workspaceId) {
        return f.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ws_changes WHERE workspace_id = :w")
                .bind("w", workspaceId).mapTo(Long.class).one());
    }
}
