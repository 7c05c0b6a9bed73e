package dev.cairn.export.restore;

import dev.cairn.server.db.Database;
import dev.cairn.server.db.DbTarget;
import dev.cairn.server.quota.QuotaService;
import dev.cairn.server.storage.SpoolDirectory;
import dev.cairn.server.storage.TenantStores;
import dev.cairn.workspace.WorkspaceFeature;
import dev.cairn.workspace.files.AttachmentService;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.members.WorkspaceRole;
import dev.cairn.workspace.schema.Schema;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * The process {@link RestoreKillTest} kills: applies a copy to a workspace in a SQLite file. Arguments: the database
 * file, the copy's directory, workspace id, account id, the change sequence, the trusted signing key, the
 * root of the attachment stores. Prints
 * {@code applying} before and {@code done} after.
 */
public final class RestoreKillChild {
    private RestoreKillChild() {
    }

    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        try (Database database = Database.open(DbTarget.parse("sqlite:" + db, db.getParent()),
                List.of(WorkspaceFeature.MIGRATIONS))) {
            RestoreService restore = new RestoreService(database.jdbi(), database.reads(),
                    new Schema(database.dialect()), Clock.systemUTC(), args[5], new AttachmentService(database.jdbi(),
                            new TenantStores(args[6]), new QuotaService(database.jdbi(), Clock.systemUTC(), "kill"),
                            new SpoolDirectory(Path.of(args[6]).resolveSibling("kill-spool")),
                            new SecureRandom()::nextBytes,
                            Clock.systemUTC(), AttachmentService.DEFAULT_MAX_BYTES));
            Caller caller = new Caller(Long.parseLong(args[2]), "ann", Long.parseLong(args[3]), "ann",
                    WorkspaceRole.OWNER);
            System.out.println("applying");
            restore.apply(caller, Path.of(args[1]), new RestoreOptions("jsonl", "replace", null, false),
                    Long.parseLong(args[4]));
            System.out.println("done");
        }
    }
}
