package dev.cairn.workspace.records;

import java.time.InstantSource;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The schema operations of the API: list, describe, create, change and delete tables. Thread-safe. */
public final class TableService {
    private final Jdbi jdbi;
    private final Jdbi reads;
    private final Schema schema;
    private final InstantSource clock;
    private final ReportRefs reports = new ReportRefs();

    public TableService(Jdbi jdbi, Jdbi reads, Schema schema, InstantSource clock) {
        this.jdbi = jdbi;
        this.reads = reads;
        this.schema = schema;
        this.clock = clock;
    }

    public List<TableSpec> list(Caller caller) {
        return reads.withHandle(h -> schema.tables(h, caller.workspaceId()).stream().map(t -> schema.describe(h, t))
                .toList());
    }

    public TableSpec get(Caller caller, String name) {
        return reads.withHandle(h -> schema.describe(h, schema.require(h, caller.workspaceId(), name)));
    }

    public TableSpec create(Caller caller, TableSpec spec) {
        return WriteTx.runAlone(jdbi, caller, clock, tx -> schema.describe(tx.h, schema.create(tx, spec)));
    }

    /** Creates several tables in one transaction (all or none), in order; later ones may reference earlier ones. */
    public List<TableSpec> createAll(Caller caller, List<TableSpec> specs) {
        return WriteTx.runAlone(jdbi, caller, clock, tx -> specs.stream().map(s -> schema.create(tx, s)).toList()
                .stream().map(t -> schema.describe(tx.h, t)).toList());
    }

    public TableSpec patch(Caller caller, String name, TablePatch patch) {
        return WriteTx.runAlone(jdbi, caller, clock, tx -> schema.describe(tx.h, schema.patch(tx,
                schema.require(tx.h, caller.workspaceId(), name), patch, reports)));
    }

    public void delete(Caller caller, String name) {
        WriteTx.runAlone(jdbi, caller, clock, tx -> {
            schema.delete(tx, schema.require(tx.h, caller.workspaceId(), name), reports);
            return null;
        });
    }
}
