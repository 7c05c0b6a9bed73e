package dev.cairn.workspace;

import dev.cairn.server.auth.RandomBytes;
import dev.cairn.server.db.Database;
import dev.cairn.server.storage.SpoolDirectory;
import dev.cairn.workspace.imports.Importer;
import dev.cairn.workspace.members.Workspaces;
import dev.cairn.workspace.records.RecordService;
import dev.cairn.workspace.reports.ReportRefs;
import dev.cairn.workspace.reports.ReportService;
import dev.cairn.workspace.schema.Purger;
import dev.cairn.workspace.schema.Schema;
import dev.cairn.workspace.schema.TableService;
import dev.cairn.workspace.records.RecordInput;
import dev.cairn.workspace.schema.Templates;
import java.time.InstantSource;

/**
 * The services of the records workspace over one database, built together: the composition of its parts (schema,
 * records, imports, reports, members), used by {@link WorkspaceModule} and the service tests.
 */
public record RecordsServices(Workspaces workspaces, TableService tables, RecordService records,
        Templates templates, Importer importer, ReportService reports, Purger purger) {

    /** @param spool where import uploads are copied on their way in */
    public static RecordsServices create(Database database, InstantSource clock, RandomBytes random,
            SpoolDirectory spool) {
        Schema schema = new Schema(database.dialect());
        var jdbi = database.jdbi();
        var reads = database.reads();
        TableService tables = new TableService(jdbi, reads, schema, new ReportRefs(), clock);
        RecordService records = new RecordService(jdbi, reads, schema, clock);
        return new RecordsServices(new Workspaces(jdbi, reads, clock, random), tables, records,
                new Templates(tables, (caller, table, fields) -> records.create(caller, table,
                        RecordInput.of(fields)).id()), new Importer(jdbi, schema, clock, Importer.DEFAULT_LIMITS,
                        database::refreshStatistics, spool),
                new ReportService(jdbi, reads, schema, clock), new Purger(jdbi, reads, schema, clock));
    }
}
