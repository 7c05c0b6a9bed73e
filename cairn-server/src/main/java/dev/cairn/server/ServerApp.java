package dev.cairn.server;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.BlobStores;
import dev.cairn.server.account.Account;
import dev.cairn.server.auth.RandomBytes;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.feature.Feature;
import dev.cairn.server.http.HttpApi;
import dev.cairn.server.ops.BackgroundJobs;
import dev.cairn.server.storage.StorageMaintenance;
import dev.cairn.server.storage.StoreLocations;
import io.micrometer.core.instrument.Gauge;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running cairn server: {@link ServerCore} plus the HTTP front and the background jobs. {@link #close()} shuts down
 * gracefully: readiness turns false, new requests get 503, running requests (uploads) finish within the shutdown
 * timeout, then jobs stop, metering is flushed and the database closed.
 */
public final class ServerApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerApp.class);
    private static final String ADMIN_EMAIL = "admin@localhost.invalid";

    private final ServerCore core;
    private final HttpApi http;
    private final BackgroundJobs jobs = new BackgroundJobs();
    /** The alerts job on a thread of its own: a slow webhook receiver never delays metering or heartbeats. */
    private final BackgroundJobs alertJobs = new BackgroundJobs();
    private final BlobStore probe;
    private final AtomicLong lastDrift = new AtomicLong();
    private InstanceFile instanceFile;

    /** How often this process says it is alive, and after how long without that its quota reservations are given back. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(30);
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);
    static final Duration SPOOL_LEFTOVER_AGE = Duration.ofHours(6);

    private ServerApp(ServerCore core, BlobStore probe) {
        this.core = core;
        this.probe = probe;
        this.http = new HttpApi(new HttpApi.Services(core.accounts(), core.tokens(), core.sessions(), core.objects(),
                core.repos(), core.meter(), core.random(), core.metrics(), this::ready, core.config().secureCookies(),
                core.clock(), core.config().accountDeletionGrace(),
                core.features().stream().flatMap(f -> f.navigation().stream()).toList(),
                kit -> core.features().stream().flatMap(f -> f.routes(kit).stream()).toList(), core.devices(),
                core.retention(), core.leases(), core.config().publicUrl(), core.monitoring()));
    }

    /**
     * Opens the data directory, creates the first admin on an empty database ({@code adminPassword} or a generated
     * one, printed once to {@code out}), starts listening and scheduling background jobs.
     */
    public static ServerApp start(ServerConfig config, InstantSource clock, RandomBytes random, String adminPassword,
            PrintStream out, List<Feature> features) throws IOException {
        return start(config, clock, random, adminPassword, out, features, null);
    }

    /**
     * As {@link #start(ServerConfig, InstantSource, RandomBytes, String, PrintStream, List)}, and before listening
     * restores the onsite copy {@code fromCopy} (a decrypted copy's directory; null: none) into the admin account
     * through the features ({@link Feature.Running#importCopy}); a copy no feature reads, or one a feature refuses,
     * stops the start with the reason.
     */
    public static ServerApp start(ServerConfig config, InstantSource clock, RandomBytes random, String adminPassword,
            PrintStream out, List<Feature> features, Path fromCopy) throws IOException {
        if (fromCopy != null) {
            requireCopy(fromCopy); // before the data directory and the admin's once-shown password are made
        }
        ServerCore core = ServerCore.open(config, clock, random, features);
        ServerApp app = null;
        try {
            BlobStore probe = BlobStores.create(StoreLocations.child(config.storeLocation(), List.of("health")));
            app = new ServerApp(core, probe);
            app.firstStart(adminPassword, out);
            if (fromCopy != null) {
                app.importCopy(fromCopy, out);
            }
            app.http.start(config.listenHost(), config.listenPort());
            app.sweepSpool();
            app.removeAbandonedUploads();
            app.scheduleJobs();
            core.usageHistory().sample();
            LOG.info("cairn server listening on {}:{} (db {}, store {})", config.listenHost(), app.port(),
                    core.database().dialect(), config.storeLocation());
            LOG.info(config.mail() == null ? "no mail relay configured: invitations show their link to pass on"
                    : "invitation emails go through " + config.mail()); // MailConfig.toString masks the password
            return app;
        } catch (IOException | RuntimeException e) {
            if (app != null && app.instanceFile != null) {
                app.instanceFile.close();
            }
            core.close();
            throw e;
        }
    }

    private void firstStart(String adminPassword, PrintStream out) throws IOException {
        core.accounts().ensureFirstAdmin(adminPassword, ADMIN_EMAIL).ifPresent(generated -> {
            out.println("cairn: created the admin account 'admin' with password: " + generated);
            out.println("cairn: this password is shown only now; change it after logging in");
        });
        if (core.database().dialect() == Dialect.SQLITE) {
            core.quota().clearReservations(); // SQLite: one server process, so reservations left over are from a crash
        }
        instanceFile = InstanceFile.claim(core.config().dataDir(), core.quota().instanceId());
        instanceFile.predecessor().ifPresent(dead -> {
            long returned = core.quota().forgetInstance(dead); // its lock was free: it is dead, however it ended
            if (returned > 0) {
                LOG.warn("gave back {} bytes of quota reserved by the previous server process on this data directory, "
                        + "which stopped without releasing them", returned);
            }
        });
        core.quota().heartbeat();
        repairInterruptedUploads();
        for (Feature.Running feature : core.features()) {
            feature.afterClaim();
        }
    }

    /**
     * Recounts the repositories where server processes that are gone had uploads in flight (ADR 58), so usage equals
     * the store without a human; at start (before listening) and with the abandoned-reservations job. A store that
     * cannot be listed now is retried by the next run.
     */
    public List<StorageMaintenance.Drift> repairInterruptedUploads() {
        try {
            List<StorageMaintenance.Drift> drifts = core.maintenance().repairInterrupted();
            for (StorageMaintenance.Drift d : drifts) {
                LOG.warn("usage of account id {} repo '{}' corrected by {} bytes to {} bytes: an upload there was cut "
                        + "off by a crash", d.accountId(), d.repo(), d.driftBytes(), d.storedBytes());
            }
            return drifts;
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not recount the repositories of uploads cut off by a crash yet (retried every minute): {}",
                    e.toString());
            return List.of();
        }
    }

    private static void requireCopy(Path copy) {
        if (!Files.isRegularFile(copy.resolve("manifest.json"))) {
            throw new IllegalArgumentException(copy + " is not a decrypted onsite copy (it has no manifest.json): decrypt "
                    + "the .age file and unpack the bundle, or point at the directory cairn export pull wrote");
        }
    }

    private void importCopy(Path copy, PrintStream out) throws IOException {
        long admin = core.accounts().find("admin").orElseThrow(() -> new IllegalStateException(
                "this data directory has no account named admin to restore the copy into")).id();
        boolean any = false;
        for (Feature.Running feature : core.features()) {
            any |= feature.importCopy(copy, admin, out);
        }
        if (!any) {
            out.println("cairn: nothing was restored from " + copy + ": the data directory already holds its data (a "
                    + "later start), so the copy was not read again");
        }
    }

    private void scheduleJobs() {
        Gauge.builder("cairn.usage.drift.bytes", lastDrift, AtomicLong::get)
                .description("absolute usage drift found by the last reconciliation").register(core.metrics());
        jobs.every("metering flush", Duration.ofSeconds(10), core.meter()::flush);
        jobs.every("heartbeat", HEARTBEAT, core.quota()::heartbeat);
        jobs.every("abandoned reservations", Duration.ofMinutes(1), () -> {
            reclaimAbandonedReservations();
            repairInterruptedUploads();
        });
        jobs.every("deleted object purge", Duration.ofMinutes(1), () -> core.objects().purgeDeleted(1000));
        jobs.every("account purge", Duration.ofMinutes(10), this::purgeAccounts);
        jobs.every("session purge", Duration.ofHours(1), core.sessions()::purgeExpired);
        jobs.every("spool sweep", Duration.ofHours(1), this::sweepSpool);
        jobs.every("usage reconciliation", core.config().reconcileInterval(), this::reconcile);
        jobs.every("stored bytes samples", Duration.ofHours(1), core.usageHistory()::sample);
        alertJobs.every("alerts", dev.cairn.server.alerts.AlertJob.PERIOD, core.alertJob()::run);
        for (Feature.Running feature : core.features()) {
            for (Feature.Job job : feature.jobs()) {
                jobs.every(job.name(), job.period(), job.task()::run);
            }
        }
    }

    /**
     * Gives back the quota reserved by server processes whose heartbeat is older than {@link #ABANDONED_AFTER} (they
     * stopped with uploads in flight); the background job runs it every minute. Returns the bytes given back.
     */
    public long reclaimAbandonedReservations() {
        long returned = core.quota().reclaimAbandoned(ABANDONED_AFTER);
        if (returned > 0) {
            LOG.warn("gave back {} bytes of quota reserved by server processes that stopped without releasing them",
                    returned);
        }
        return returned;
    }

    /**
     * Deletes spool files untouched for {@link #SPOOL_LEFTOVER_AGE}: uploads and imports of a process that was killed
     * (a live upload writes its file continuously; import uploads are dropped after 30 minutes without use).
     */
    void sweepSpool() {
        int deleted = core.spool().sweep(core.clock().instant().minus(SPOOL_LEFTOVER_AGE));
        if (deleted > 0) {
            LOG.info("deleted {} spool files left by interrupted uploads or imports", deleted);
        }
    }

    /** At start: removes the temp files of uploads a killed process left in repositories on local disk. */
    private void removeAbandonedUploads() {
        int removed = core.maintenance().removeAbandonedUploads(core.clock());
        if (removed > 0) {
            LOG.info("deleted {} temporary files of uploads interrupted by a crash", removed);
        }
    }

    /** Deletes the data and then the rows of accounts whose deletion grace period ended. */
    public void purgeAccounts() throws IOException {
        for (Account account : core.accounts().dueForPurge()) {
            long deleted = core.maintenance().purgeTenant(account.id());
            for (Feature.Running feature : core.features()) {
                feature.accountPurged(account.id());
            }
            core.accounts().forget(account.id());
            LOG.info("purged account '{}' (id {}): {} objects deleted", account.name(), account.id(), deleted);
        }
    }

    /** Recomputes usage from the store; logs and exports the drift. */
    public List<StorageMaintenance.Drift> reconcile() throws IOException {
        List<StorageMaintenance.Drift> drifts = core.maintenance().reconcile();
        long total = 0;
        for (StorageMaintenance.Drift d : drifts) {
            LOG.warn("usage drift: account id {} repo '{}' differed by {} bytes; corrected to {} bytes", d.accountId(),
                    d.repo(), d.driftBytes(), d.storedBytes());
            total += Math.abs(d.driftBytes());
        }
        lastDrift.set(total);
        return drifts;
    }

    private boolean ready() {
        if (!core.database().isReachable()) {
            return false;
        }
        try {
            probe.list(BlobKind.LOCK);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("store not reachable for readiness: {}", e.toString());
            return false;
        }
    }

    public int port() {
        return http.port();
    }

    public ServerCore core() {
        return core;
    }

    public HttpApi http() {
        return http;
    }

    @Override
    public void close() throws IOException {
        try {
            http.stop(core.config().shutdownTimeout());
            jobs.close();
            alertJobs.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            probe.close();
            if (instanceFile != null) {
                instanceFile.close();
            }
            core.close();
            LOG.info("cairn server stopped");
        }
    }
}
