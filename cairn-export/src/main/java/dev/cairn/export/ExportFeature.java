package dev.cairn.export;

import dev.cairn.export.http.ExportApi;
import dev.cairn.export.http.RestoreApi;
import dev.cairn.export.restore.CopyImport;
import dev.cairn.export.restore.RestoreService;
import dev.cairn.export.restore.RestoreUploads;
import dev.cairn.export.service.ExportModule;
import dev.cairn.export.service.Heartbeats;
import dev.cairn.export.web.ExportPages;
import dev.cairn.export.web.RestorePages;
import dev.cairn.server.feature.Feature;
import dev.cairn.server.feature.Platform;
import dev.cairn.server.http.Route;
import dev.cairn.server.web.NavLink;
import dev.cairn.server.web.WebKit;
import dev.cairn.workspace.files.AttachmentService;
import dev.cairn.workspace.schema.Schema;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.cairn.export.escrow.Software;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The onsite copy as a feature of the platform: its migrations ({@code db/export}, versions 500-599), the signing key,
 * recipients, exports and schedules, their API and page, the "Onsite copy" navigation entry, jobs that run exports left
 * queued, start scheduled ones, delete what their retention no longer keeps, email the owner of a failed one or of a
 * schedule left without a recipient, renew the heartbeat of running exports and fail those whose server is gone, and
 * the removal of an account's exports when it is purged. Exports run on a small pool of their own.
 */
public final class ExportFeature implements Feature {
    public static final String MIGRATIONS = "classpath:db/export";
    /** How many exports one server process builds at once. */
    static final int PARALLEL_EXPORTS = 2;

    @Override
    public String name() {
        return "export";
    }

    @Override
    public List<String> migrationLocations() {
        return List.of(MIGRATIONS);
    }

    @Override
    public Running start(Platform platform) {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_EXPORTS, Thread.ofPlatform().daemon()
                .name("export-", 1).factory());
        String running = ExportFeature.class.getPackage().getImplementationVersion();
        ExportModule module = ExportModule.create(platform, pool, version(),
                running == null ? Optional.empty() : Software.of(ExportFeature.class, running));
        RestoreService restore = new RestoreService(platform.database().jdbi(), platform.database().reads(),
                new Schema(platform.database().dialect()), platform.clock(), module.key().publicKey(),
                new AttachmentService(platform.database().jdbi(), platform.stores(), platform.quota(),
                        platform.spool(), platform.random(), platform.clock(), AttachmentService.DEFAULT_MAX_BYTES));
        RestoreUploads uploads = new RestoreUploads(platform.spool().dir());
        CopyImport copies = new CopyImport(platform.database().reads(), module.workspaces(), restore,
                platform.spool().dir());
        return new Started(module, new RestoreApi(restore, uploads),
                web -> RestorePages.routes(web, module, restore, uploads, platform.spool().dir()), copies);
    }

    private static String version() {
        String v = ExportFeature.class.getPackage().getImplementationVersion();
        return "cairn " + (v == null ? "dev" : v);
    }

    /** A started export feature; {@link #module()} gives its services (for tests). */
    public record Started(ExportModule module, RestoreApi restore,
            java.util.function.Function<WebKit, List<Route>> restorePages, CopyImport copies) implements Running {
        @Override
        public List<Route> routes(WebKit web) {
            List<Route> routes = new ArrayList<>(ExportApi.routes(module));
            routes.addAll(restore.routes(module));
            routes.addAll(ExportPages.routes(web, module));
            routes.addAll(restorePages.apply(web));
            return List.copyOf(routes);
        }

        @Override
        public List<NavLink> navigation() {
            return List.of(ExportPages.NAV);
        }

        /** Fails at once the exports a killed predecessor on this data directory was running (it is forgotten now). */
        @Override
        public void afterClaim() {
            module.heartbeats().failStale();
        }

        @Override
        public List<Job> jobs() {
            return List.of(new Job("queued exports", Duration.ofMinutes(1), module.exports()::runQueued),
                    new Job("scheduled exports", Duration.ofMinutes(1), module.schedules()::runDue),
                    new Job("export retention", Duration.ofMinutes(10), module.retention()::prune),
                    new Job("export failure mail", Duration.ofMinutes(1), module.notices()::sendPending),
                    new Job("export recipient incidents", Duration.ofMinutes(1), module.incidents()::check),
                    new Job("export heartbeat", Heartbeats.BEAT, module.heartbeats()::beat),
                    new Job("stale exports", Duration.ofMinutes(1), module.heartbeats()::failStale));
        }

        @Override
        public void accountPurged(long accountId) throws IOException {
            module.exports().purge(accountId);
        }

        @Override
        public boolean importCopy(Path copy, long accountId, PrintStream out) throws IOException {
            return copies.run(copy, accountId, out);
        }
    }
}
