package dev.cairn.export.service;

import dev.cairn.export.bundle.SigningKey;
import dev.cairn.server.feature.Platform;
import dev.cairn.workspace.members.Workspaces;
import dev.cairn.workspace.schema.Schema;
import dev.cairn.workspace.files.AttachmentReader;
import dev.cairn.workspace.snapshot.WorkspaceSnapshots;
import dev.cairn.export.escrow.Software;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The export's services over one platform, built together: the signing key, the recipients, the exports, their
 * schedules and retention, the failure emails, and the workspaces (to resolve callers). Thread-safe.
 */
public record ExportModule(SigningKey key, Recipients recipients, ExportService exports, Schedules schedules,
        Retention retention, FailureNotices notices, RecipientIncidents incidents, Heartbeats heartbeats,
        Workspaces workspaces) {
    /**
     * Builds the services on the platform's; exports run on {@code executor}. Fails the running exports whose server
     * is gone (their heartbeat is stale; those of live processes sharing the database go on), and deletes the working
     * directories a stopped server left (the spool directory is this process's).
     */
    public static ExportModule create(Platform p, Executor executor, String serverVersion) {
        return create(p, executor, serverVersion, Optional.empty());
    }

    /** As {@link #create(Platform, Executor, String)}, with the software escrow copies carry (empty: none). */
    public static ExportModule create(Platform p, Executor executor, String serverVersion,
            Optional<Software> software) {
        var jdbi = p.database().jdbi();
        SigningKey key = SigningKeys.load(jdbi, secureRandom(p), p.clock());
        Recipients recipients = new Recipients(jdbi, p.clock());
        ExportTable table = new ExportTable(jdbi, p.clock());
        BundleFiles files = new BundleFiles(p.stores(), p.quota());
        ScheduleTable schedules = new ScheduleTable(jdbi);
        Heartbeats heartbeats = new Heartbeats(table, schedules, p.clock(), p.quota()::liveInstances);
        ExportRunner runner = new ExportRunner(table, recipients, files,
                new WorkspaceSnapshots(p.database().reads(), new Schema(p.database().dialect()),
                        AttachmentReader.of(p.stores())), key, p.spool(),
                p.clock(), serverVersion, heartbeats, software, p.quota().instanceId());
        runner.sweep(); // and the server's start fails the exports it left running (ExportFeature.afterClaim)
        ExportService exports = new ExportService(table, recipients, files, runner, executor, software.isPresent());
        return new ExportModule(key, recipients, exports, new Schedules(schedules, exports, recipients, p.clock()),
                new Retention(schedules, exports, p.clock()),
                new FailureNotices(jdbi, table, p.mailer(), p.publicUrl(), p.clock(), p.alerts()),
                new RecipientIncidents(jdbi, p.mailer(), FailureNotices.page(p.publicUrl()), p.clock()), heartbeats,
                new Workspaces(jdbi, p.database().reads(), p.clock(), p.random()));
    }

    /** The platform's randomness as the {@link SecureRandom} the JDK's key generator takes. */
    private static SecureRandom secureRandom(Platform p) {
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                p.random().nextBytes(bytes);
            }
        };
    }
}
