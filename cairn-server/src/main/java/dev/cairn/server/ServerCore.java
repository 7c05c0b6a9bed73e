package dev.cairn.server;

import dev.cairn.server.account.AccountService;
import dev.cairn.server.alerts.AlertJob;
import dev.cairn.server.alerts.AlertService;
import dev.cairn.server.alerts.SettingsStore;
import dev.cairn.server.runs.RunService;
import dev.cairn.server.runs.UsageHistory;
import dev.cairn.server.auth.DeviceService;
import dev.cairn.server.auth.LoginThrottle;
import dev.cairn.server.auth.PasswordHasher;
import dev.cairn.server.auth.RandomBytes;
import dev.cairn.server.auth.SessionService;
import dev.cairn.server.auth.TokenService;
import dev.cairn.server.db.Database;
import dev.cairn.server.db.DbTarget;
import dev.cairn.server.feature.Feature;
import dev.cairn.server.feature.Platform;
import dev.cairn.server.mail.Mailer;
import dev.cairn.server.mail.SmtpMailer;
import dev.cairn.server.ops.TrafficMetrics;
import dev.cairn.server.quota.QuotaService;
import dev.cairn.server.quota.UsageMeter;
import dev.cairn.server.storage.ObjectService;
import dev.cairn.server.lease.LeaseService;
import dev.cairn.server.storage.RepoRegistry;
import dev.cairn.server.storage.RetentionLocks;
import dev.cairn.server.storage.StorageMaintenance;
import dev.cairn.server.storage.SpoolDirectory;
import dev.cairn.server.storage.StorageOptions;
import dev.cairn.server.storage.TenantStores;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/**
 * The services of a server on one data directory, without HTTP: what both the running server and the admin CLI
 * commands use. Builds every object by hand (the composition root); the only place that sees the real clock and random
 * source is the caller that passes them in. {@link #close()} flushes metering and closes stores and the database.
 */
public final class ServerCore implements AutoCloseable {
    private final ServerConfig config;
    private final Database database;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AccountService accounts;
    private final TokenService tokens;
    private final DeviceService devices;
    private final RetentionLocks retention;
    private final LeaseService leases;
    private final SessionService sessions;
    private final QuotaService quota;
    private final UsageMeter meter;
    private final RepoRegistry repos;
    private final TenantStores stores;
    private final ObjectService objects;
    private final StorageMaintenance maintenance;
    private final RandomBytes random;
    private final InstantSource clock;
    private final SpoolDirectory spool;
    private final List<Feature.Running> features;
    private final AlertService alerts;
    private final SettingsStore alertSettings;
    private final AlertJob alertJob;
    private final RunService runs;
    private final UsageHistory usageHistory;

    private ServerCore(ServerConfig config, Database database, InstantSource clock, RandomBytes random,
            List<Feature> features) {
        this.config = config;
        this.database = database;
        this.random = random;
        this.clock = clock;
        var jdbi = database.jdbi();
        this.alerts = new AlertService(jdbi, clock);
        this.alertSettings = new SettingsStore(jdbi);
        this.runs = new RunService(jdbi, clock, alerts);
        this.usageHistory = new UsageHistory(jdbi, clock);
        this.tokens = new TokenService(jdbi, database.reads(), clock, random, alerts::deviceTokenRejected);
        this.devices = new DeviceService(jdbi, tokens, clock, random);
        this.retention = new RetentionLocks(jdbi);
        this.leases = new LeaseService(jdbi, clock, random);
        this.sessions = new SessionService(jdbi, clock, random, Duration.ofDays(7));
        PasswordHasher hasher = new PasswordHasher(config.passwordHash(), random, 4);
        this.accounts = new AccountService(jdbi, database.reads(), hasher,
                new LoginThrottle(clock, 5, Duration.ofMinutes(5)), new LoginThrottle(clock, 50, Duration.ofMinutes(5)),
                sessions, tokens, clock, random, config.signup(),
                config.accountDeletionGrace());
        this.quota = new QuotaService(jdbi, clock, java.util.HexFormat.of().formatHex(random.bytes(12)));
        this.meter = new UsageMeter(jdbi, clock);
        this.repos = new RepoRegistry(jdbi, clock);
        this.stores = new TenantStores(config.storeLocation());
        this.spool = new SpoolDirectory(config.dataDir().resolve("spool"));
        this.objects = new ObjectService(stores, repos, quota, new TrafficMetrics(meter, metrics),
                new StorageOptions(spool, config.maxObjectBytes(), config.deleteGrace()),
                clock, jdbi, database.reads(), retention, devices::backedUp);
        this.maintenance = new StorageMaintenance(stores, repos, quota);
        Mailer mailer = config.mail() == null ? Mailer.NOT_CONFIGURED : new SmtpMailer(config.mail(), clock);
        this.alertJob = new AlertJob(jdbi, clock, alerts, mailer, config.publicUrl());
        Platform platform = new Platform(database, clock, random, spool, hasher, mailer,
                config.mail() == null ? Duration.ZERO : config.mail().timeout(), config.publicUrl(), metrics, stores, quota,
                alerts);
        this.features = features.stream().map(f -> f.start(platform)).toList();
    }

    /**
     * Opens the data directory: creates it if needed, opens and migrates the database (with the features'
     * migrations), and starts the features.
     *
     * @throws IOException if the data directory cannot be created
     * @throws IllegalStateException if the database cannot be reached or migrated
     */
    public static ServerCore open(ServerConfig config, InstantSource clock, RandomBytes random, List<Feature> features)
            throws IOException {
        Files.createDirectories(config.dataDir());
        Database database = Database.open(DbTarget.parse(config.db(), config.dataDir()),
                features.stream().flatMap(f -> f.migrationLocations().stream()).toList());
        try {
            return new ServerCore(config, database, clock, random, features);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public ServerConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    public AccountService accounts() {
        return accounts;
    }

    public TokenService tokens() {
        return tokens;
    }

    public DeviceService devices() {
        return devices;
    }

    public RetentionLocks retention() {
        return retention;
    }

    public LeaseService leases() {
        return leases;
    }

    public SessionService sessions() {
        return sessions;
    }

    public QuotaService quota() {
        return quota;
    }

    public UsageMeter meter() {
        return meter;
    }

    public RepoRegistry repos() {
        return repos;
    }

    public TenantStores stores() {
        return stores;
    }

    public ObjectService objects() {
        return objects;
    }

    public StorageMaintenance maintenance() {
        return maintenance;
    }

    /** Run reports, stored-bytes history and alerts, for the API and the pages. */
    public dev.cairn.server.alerts.Monitoring monitoring() {
        return new dev.cairn.server.alerts.Monitoring(runs, usageHistory, alerts, alertSettings);
    }

    /** Run reports of the accounts' agents. */
    public RunService runs() {
        return runs;
    }

    /** Daily samples of each account's stored bytes. */
    public UsageHistory usageHistory() {
        return usageHistory;
    }

    /** Alert incidents and their delivery log. */
    public AlertService alerts() {
        return alerts;
    }

    public SettingsStore alertSettings() {
        return alertSettings;
    }

    /** The periodic alerts job (evaluation, repeats, delivery). */
    public AlertJob alertJob() {
        return alertJob;
    }

    /** The plugged-in features, started, in the composition root's order. */
    public List<Feature.Running> features() {
        return features;
    }

    /** Where request bodies and import uploads are copied on their way in. */
    public SpoolDirectory spool() {
        return spool;
    }

    public RandomBytes random() {
        return random;
    }

    /** The clock every service here was built with. */
    public InstantSource clock() {
        return clock;
    }

    @Override
    public void close() throws IOException {
        try {
            meter.flush();
        } finally {
            stores.close();
            database.close();
        }
    }
}
