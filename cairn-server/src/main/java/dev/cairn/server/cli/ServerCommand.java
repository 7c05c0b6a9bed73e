package dev.cairn.server.cli;

import dev.cairn.server.HostPort;
import dev.cairn.server.ServerApp;
import dev.cairn.server.ServerConfig;
import dev.cairn.server.Units;
import dev.cairn.server.account.SignupMode;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cairn server}: runs the server in the foreground until interrupted (Ctrl-C / SIGTERM shut down gracefully). */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the cairn server (SQLite + local disk by default), or administer its data directory.",
        subcommands = {AccountCommand.class, TokenCommand.class, PlanCommand.class, InviteCommand.class,
                UsageCommand.class})
public final class ServerCommand implements Callable<Integer> {
    final Map<String, String> env;
    final PrintStream out;
    final java.io.InputStream in;
    /** The features plugged into this server (the composition root's choice). */
    final java.util.List<dev.cairn.server.feature.Feature> features;

    @Mixin
    CommonOptions common;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Address to listen on (default 127.0.0.1:8080).")
    String listen;

    @Option(names = "--db", paramLabel = "URL",
            description = "Metadata database: a SQLite file (default <data-dir>/cairn.db) or postgresql://user:pass@host:port/db.")
    String db;

    @Option(names = "--store", paramLabel = "LOCATION",
            description = "Blob store root: a directory (default <data-dir>/store) or a URI such as s3://bucket/prefix?endpoint=...")
    String store;

    @Option(names = "--signup", paramLabel = "MODE", description = "Self-service sign-up: open, invite or closed.")
    String signup;

    @Option(names = "--delete-grace", paramLabel = "DURATION",
            description = "Keep deleted objects (except locks) this long before freeing space, e.g. 7d (default 0).")
    String deleteGrace;

    @Option(names = "--offline", description = "Run on this machine only, e.g. from an escrow copy: listen on 127.0.0.1, "
            + "sign-up closed, no email; data in ./cairn-offline unless --data-dir is given.")
    boolean offline;

    @Option(names = "--from-copy", paramLabel = "DIR", description = "With --offline: restore the workspace from this "
            + "decrypted onsite copy (the directory holding manifest.json) into the admin account at the first start.")
    java.nio.file.Path fromCopy;

    /** Where an offline server keeps its data when no --data-dir is given: beside the copy it was started from. */
    static final java.nio.file.Path OFFLINE_DATA_DIR = java.nio.file.Path.of("cairn-offline");

    ServerCommand(Map<String, String> env, java.io.InputStream in, PrintStream out,
            java.util.List<dev.cairn.server.feature.Feature> features) {
        this.env = env;
        this.in = in;
        this.out = out;
        this.features = java.util.List.copyOf(features);
    }

    /** The effective config: defaults, config file, then this command's flags. */
    ServerConfig config(CommonOptions... inner) {
        CommonOptions[] levels = java.util.Arrays.copyOf(inner, inner.length + 2);
        levels[inner.length] = common;
        levels[inner.length + 1] = offline ? CommonOptions.ofDataDir(OFFLINE_DATA_DIR) : null;
        ServerConfig config = ConfigResolver.resolve(env, levels);
        if (listen != null) {
            HostPort hp = HostPort.parse(listen);
            config = config.withListen(hp.host(), hp.port());
        }
        if (db != null || store != null) {
            config = config.withStorage(db != null ? db : config.db(), store != null ? store : config.store());
        }
        if (signup != null) {
            config = config.withSignup(SignupMode.parse(signup));
        }
        if (deleteGrace != null) {
            config = config.withDeleteGrace(Units.duration(deleteGrace));
        }
        return offline ? offline(config) : config;
    }

    /** An offline server: loopback only, closed sign-up, no mail relay and no public address to put in emails. */
    private ServerConfig offline(ServerConfig config) {
        if (!HostPort.isLoopback(config.listenHost())) {
            throw new IllegalArgumentException("--offline serves this "
                    + "machine only: --listen must be a loopback address such as 127.0.0.1:8080, not "
                    + config.listenHost());
        }
        return config.withSignup(SignupMode.CLOSED).withMail(null).withPublicUrl(null);
    }

    @Override
    public Integer call() throws Exception {
        if (fromCopy != null && !offline) {
            throw new IllegalArgumentException("--from-copy starts an "
                    + "offline server from a copy: add --offline, or restore into a running server with cairn export "
                    + "restore");
        }
        ServerConfig config = config();
        ServerApp app = ServerApp.start(config, InstantSource.system(), new SecureRandom()::nextBytes,
                env.get("CAIRN_ADMIN_PASSWORD"), out, features, fromCopy);
        String url = "http://" + (config.listenHost().contains(":") ? "[" + config.listenHost() + "]"
                : config.listenHost()) + ":" + app.port() + "/";
        out.println("cairn server: listening on " + url + " (web UI: " + url + "login)");
        out.println("cairn server: data in " + config.dataDir());
        out.println("cairn server: back up with the agent: cairn login " + url + " then cairn -r " + url + "REPO init; or "
                + "restic: restic -r rest:" + url.replace("://", "://NAME:TOKEN@") + "NAME/REPO/ init");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.close();
            } catch (Exception e) {
                System.err.println("cairn server: shutdown failed: " + e);
            } finally {
                stopped.countDown();
            }
        }, "cairn-shutdown"));
        stopped.await();
        return 0;
    }
}
