package dev.cairn.agent.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running daemon: holds the state directory's {@link InstanceLock}, runs the {@link Scheduler}'s loop, listens on the
 * {@link ControlSocket}, retries the {@link Outbox}, and reloads the config on SIGHUP (through {@code sun.misc.Signal},
 * exported by the jdk.unsupported module; where there is no SIGHUP, e.g. Windows, it reloads when the file's modification
 * time changes). A config that fails to load on reload is logged and the old one kept.
 */
public final class Daemon implements AutoCloseable {
    /** The longest the loop sleeps: a wall-clock jump (suspend, resume) is noticed within this. */
    static final Duration MAX_SLEEP = Duration.ofSeconds(30);
    /** How often waiting run reports are sent again. */
    static final Duration OUTBOX_RETRY = Duration.ofMinutes(1);

    /** What a daemon is made of; {@code signals}: install the SIGHUP handler (the CLI; not in-process tests). */
    public record Options(Path configFile, Path stateDir, Clock clock, RepositoryOpener opener, Outbox.ReportSender sender,
                          Outbox.Tokens tokens, String version, String host, Log log, boolean signals) {
    }

    private final Options options;
    private final ConfigLoader loader;
    private final InstanceLock lock;
    private final ExecutorService jobs = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("cairn-daemon-job-", 1).factory());
    private final Semaphore wake = new Semaphore(0);
    private final AtomicBoolean reloadRequested = new AtomicBoolean();
    private final AtomicBoolean deliveringOutbox = new AtomicBoolean();
    private final RepositoryCache repositories;
    private final Outbox outbox;
    private final SetRunner runner;
    private final Scheduler scheduler;
    private volatile DaemonConfig config;
    private volatile boolean stopped;
    private FileTime configModified;
    private Instant nextOutboxTry = Instant.MIN;
    private ControlSocket control;

    private Daemon(Options options, DaemonConfig config, InstanceLock lock) throws IOException {
        this.options = options;
        this.config = config;
        this.lock = lock;
        this.loader = new ConfigLoader(java.time.ZoneId.systemDefault());
        this.repositories = new RepositoryCache(options.opener(), options.log());
        this.outbox = new Outbox(options.stateDir(), options.sender(), options.tokens(), options.log());
        this.runner = new SetRunner(repositories, outbox, options.tokens(), options.log(), options.clock(), options.version(), options.host());
        this.scheduler = new Scheduler(new StateFile(options.stateDir()), options.clock(), jobs, this::runSet, wake::release, options.log());
        scheduler.configure(config);
        this.configModified = modified(options.configFile());
    }

    /**
     * Starts a daemon: loads the config (a {@link ConfigException} names the line), takes the state directory's lock (an
     * IllegalStateException names the running daemon), listens on the control socket. Call {@link #runLoop()} next.
     */
    public static Daemon start(Options options) throws ConfigException, IOException {
        DaemonConfig config = new ConfigLoader(java.time.ZoneId.systemDefault()).load(options.configFile());
        createPrivate(options.stateDir());
        InstanceLock lock = InstanceLock.acquire(options.stateDir());
        try {
            Daemon d = new Daemon(options, config, lock);
            d.control = ControlSocket.listen(options.stateDir(), d::request, options.log());
            if (options.signals()) {
                d.installSignals();
            }
            options.log().info("cairn daemon " + options.version() + " started (pid " + ProcessHandle.current().pid() + "), "
                    + config.sets().size() + " set(s) from " + options.configFile() + ", state in " + options.stateDir());
            return d;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Runs due sets until {@link #stop()}. */
    public void runLoop() throws InterruptedException {
        while (!stopped) {
            step();
            wake.tryAcquire(sleepMillis(), TimeUnit.MILLISECONDS);
            wake.drainPermits();
        }
    }

    /**
     * One pass of the loop: reload if asked, start due sets (on other threads: {@link #idle()} says when they ended), send
     * waiting run reports when due (in the background). Tests drive the daemon with it on a mutable clock instead of
     * {@link #runLoop()}.
     */
    public void step() {
        if (reloadRequested.getAndSet(false) || (!options.signals() || !signalsInstalled) && configChanged()) {
            reload();
        }
        scheduler.tick();
        if (ranSinceGc && scheduler.idle()) {
            ranSinceGc = false;
            System.gc(); // the serial collector returns heap to the OS only after a full collection: idle small
        }
        Instant now = options.clock().instant();
        if (!now.isBefore(nextOutboxTry)) {
            nextOutboxTry = now.plus(OUTBOX_RETRY);
            deliverOutboxInBackground();
        }
    }

    private long sleepMillis() {
        Instant next = scheduler.nextDue();
        long max = MAX_SLEEP.toMillis();
        if (next == null) {
            return max;
        }
        return Math.max(0, Math.min(max, Duration.between(options.clock().instant(), next).toMillis()));
    }

    private volatile boolean signalsInstalled;
    private volatile boolean ranSinceGc;

    private void installSignals() {
        try {
            sun.misc.SignalHandler before = sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> {
                reloadRequested.set(true);
                wake.release();
            });
            if (before == sun.misc.SignalHandler.SIG_IGN) { // the JVM keeps an inherited "ignore" (nohup) and says so
                options.log().info("SIGHUP is ignored in this process (started with nohup?); the config is reloaded "
                        + "when the file changes");
                return;
            }
            signalsInstalled = true;
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            options.log().info("no SIGHUP here (" + e.getMessage() + "); the config is reloaded when the file changes");
        }
    }

    /** Asks for a reload at the next pass of the loop (what SIGHUP does). */
    public void requestReload() {
        reloadRequested.set(true);
        wake.release();
    }

    void reload() {
        try {
            DaemonConfig fresh = loader.load(options.configFile());
            configModified = modified(options.configFile());
            scheduler.configure(fresh);
            config = fresh;
            runner.resetForgetDenied();
            options.log().info("config reloaded from " + options.configFile() + ": " + fresh.sets().size() + " set(s)");
        } catch (ConfigException e) {
            configModified = modified(options.configFile());
            options.log().info("config not reloaded, the old one stays in force: " + e.getMessage());
        } catch (IOException e) {
            options.log().info("config not reloaded: " + e.getMessage());
        }
    }

    private boolean configChanged() {
        FileTime now = modified(options.configFile());
        return now != null && !now.equals(configModified);
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    private SetRunner.Outcome runSet(SetConfig set, SetState before) throws InterruptedException {
        SetRunner.Outcome o = runner.run(set, config.reportTo(), before);
        outbox.deliver();
        ranSinceGc = true;
        return o;
    }

    private CompletableFuture<SetRunner.Outcome> request(String set) {
        CompletableFuture<SetRunner.Outcome> f = scheduler.request(set);
        wake.release();
        return f;
    }

    private void deliverOutboxInBackground() {
        if (deliveringOutbox.compareAndSet(false, true)) {
            jobs.execute(() -> {
                try {
                    outbox.deliver();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    deliveringOutbox.set(false);
                }
            });
        }
    }

    /** Whether no set is running now. */
    public boolean idle() {
        return scheduler.idle();
    }

    /** The config in force. */
    DaemonConfig config() {
        return config;
    }

    /** The scheduler (tests). */
    Scheduler scheduler() {
        return scheduler;
    }

    /** The outbox (tests and status). */
    Outbox outbox() {
        return outbox;
    }

    /** Ends {@link #runLoop()} after its current pass. */
    public void stop() {
        stopped = true;
        wake.release();
    }

    private final AtomicBoolean closed = new AtomicBoolean();

    /** Stops, waits up to a minute for running sets, closes the repositories, the socket and the lock. Idempotent. */
    @Override
    public void close() throws IOException {
        stop();
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        jobs.shutdown();
        try {
            jobs.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        jobs.shutdownNow();
        repositories.close();
        try {
            if (control != null) {
                control.close();
            }
        } finally {
            lock.close();
        }
    }

    /** The state directory, made readable by its owner only (it holds the control socket and the outbox). */
    static void createPrivate(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the profile directory's ACLs apply
        }
    }

    /**
     * Runs {@code set} once in this process, as a daemon that stops after it (no daemon may run on the state directory:
     * the instance lock is taken). Returns the outcome as {@link ControlSocket} would.
     */
    public static com.fasterxml.jackson.databind.JsonNode runOnce(Options options, String set) throws ConfigException, IOException,
            InterruptedException {
        try (Daemon d = start(options)) {
            CompletableFuture<SetRunner.Outcome> f = d.request(set);
            d.scheduler.startRequested();
            SetRunner.Outcome o = f.get();
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("set", set);
            m.put("status", o.status());
            m.put("message", o.message());
            return Outbox.JSON.valueToTree(m);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Runs {@code set} through the daemon running on {@code stateDir}; its answer as JSON (see {@link ControlSocket}). */
    public static com.fasterxml.jackson.databind.JsonNode runThroughRunning(Path stateDir, String set) throws IOException {
        return ControlSocket.send(stateDir, "run " + set);
    }

}
