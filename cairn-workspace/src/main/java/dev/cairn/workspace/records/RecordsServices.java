package dev.cairn.workspace.records;

import dev.cairn.server.auth.RandomBytes;
import dev.cairn.server.db.Database;
import dev.cairn.server.storage.SpoolDirectory;
import java.time.InstantSource;

/** The records package's services over one database, built together (for {@code dev.cairn.workspace.WorkspaceModule}). */
public record RecordsServices(Workspaces workspaces, TableService tables, RecordService records,
        Templates templates, Importer importer, ReportService reports, Purger purger) {

    /** @param spool where import uploads are copied on their way in */
    public static RecordsServices create(Database database, InstantSource clock, RandomBytes random,
            SpoolDirectory spool) {
        Schema schema = new Schema(database.dialect());
        var jdbi = database.jdbi();
        var reads = database.reads();
        TableService tables = new TableService(jdbi, reads, schema, clock);
        return new RecordsServices(new Workspaces(jdbi, reads, clock, random), tables,
                new RecordService(jdbi, reads, schema, clock),
                new Templates(tables), new Importer(jdbi, schema, clock, Importer.DEFAULT_LIMITS,
                        database::refreshStatistics, spool),
                new ReportService(jdbi, reads, schema, clock), new Purger(jdbi, reads, schema, clock));
    }
}
