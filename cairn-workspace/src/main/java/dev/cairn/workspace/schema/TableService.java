package dev.cairn.workspace.schema;

import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.write.WriteTx;
import java.time.InstantSource;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The schema operations of the API: list, describe, create, change and delete tables. Thread-safe. */
public final class TableService {
    private final Jdbi jdbi;
    private final Jdbi reads;
    private final Schema schema;
    private final InstantSource clock;
    private final SchemaChanges changes;

    /** @param users what uses tables and columns outside the schema (asked before a change would break it) */
    public TableService(Jdbi jdbi, Jdbi reads, Schema schema, SchemaUsers users, InstantSource clock) {
        this.jdbi = jdbi;
        this.reads = reads;
        this.schema = schema;
        this.clock = clock;
        this.changes = new SchemaChanges(schema, users);
    }

    public List<TableSpec> list(Caller caller) {
        return reads.withHandle(h -> schema.tables(h, caller.workspaceId()).stream().map(t -> TableSpecs.describe(h, t))
                .toList());
    }

    public TableSpec get(Caller caller, String name) {
        return reads.withHandle(h -> TableSpecs.describe(h, schema.require(h, caller.workspaceId(), name)));
    }

    public TableSpec create(Caller caller, TableSpec spec) {
        return WriteTx.runAlone(jdbi, caller, clock, tx -> TableSpecs.describe(tx.handle(), changes.create(tx, spec)));
    }

    /** Creates several tables in one transaction (all or none), in order; later ones may reference earlier ones. */
    public List<TableSpec> createAll(Caller caller, List<TableSpec> specs) {
        return createAll(caller, specs, List.of());
    }

    /**
     * Creates several tables in one transaction (all or none), in order, then adds the {@code later} columns (rollups
     * over tables created after theirs); returns the tables as they end up.
     */
    public List<TableSpec> createAll(Caller caller, List<TableSpec> specs, List<Templates.Later> later) {
        return WriteTx.runAlone(jdbi, caller, clock, tx -> {
            List<Long> ids = specs.stream().map(s -> changes.create(tx, s).id()).toList();
            for (Templates.Later l : later) {
                changes.patch(tx, schema.require(tx.handle(), caller.workspaceId(), l.table()), new TablePatch(null,
                        null, null, null, null, l.columns()));
            }
            return ids.stream().map(id -> TableSpecs.describe(tx.handle(), schema.byId(tx.handle(), id))).toList();
        });
    }

    public TableSpec patch(Caller caller, String name, TablePatch patch) {
        return WriteTx.runAlone(jdbi, caller, clock, tx -> TableSpecs.describe(tx.handle(), changes.patch(tx,
                schema.require(tx.handle(), caller.workspaceId(), name), patch)));
    }

    public void delete(Caller caller, String name) {
        WriteTx.runAlone(jdbi, caller, clock, tx -> {
            changes.delete(tx, schema.require(tx.handle(), caller.workspaceId(), name));
            return null;
        });
    }
}
