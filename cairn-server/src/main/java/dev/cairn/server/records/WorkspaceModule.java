package dev.cairn.server.records;

import dev.cairn.server.auth.RandomBytes;
import dev.cairn.server.db.Database;
import java.time.InstantSource;

/** The records workspace's services over one database, built together (one entry point for the composition root). */
public record WorkspaceModule(Workspaces workspaces, TableService tables, RecordService records,
        Templates templates, Importer importer, ReportService reports, Purger purger) {

    public static WorkspaceModule create(Database database, InstantSource clock, RandomBytes random) {
        Schema schema = new Schema(database.dialect());
        var jdbi = database.jdbi();
        jdbi.getConfig(WriterQueue.class).inProcess(database.dialect() == dev.cairn.server.db.Dialect.POSTGRES);
        TableService tables = new TableService(jdbi, schema, clock);
        return new WorkspaceModule(new Workspaces(jdbi, clock, random), tables, new RecordService(jdbi, schema, clock),
                new Templates(tables), new Importer(jdbi, schema, clock, Importer.DEFAULT_LIMITS,
                        database::refreshStatistics),
                new ReportService(jdbi, schema, clock), new Purger(jdbi, schema, clock));
    }
}
