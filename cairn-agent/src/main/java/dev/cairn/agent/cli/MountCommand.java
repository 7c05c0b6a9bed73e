package dev.cairn.agent.cli;

import dev.cairn.agent.mount.DavServer;
import dev.cairn.agent.mount.ListenAddress;
import dev.cairn.agent.mount.MountOptions;
import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code cairn mount --webdav}: serves the repository's snapshots read-only over WebDAV until interrupted (Ctrl-C, or an
 * interrupt of the running thread in-process). Decisions: docs/adr/0034-webdav-mount.md.
 */
@Command(name = "mount", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve the snapshots read-only over WebDAV, decrypted on this machine, until Ctrl-C.",
                "Paths: /snapshots/<time>/… (also by short or full id), /latest/…, /hosts/<host>/<time>/…",
                "Open it in a file manager (dav://127.0.0.1:4918/) or with rclone, davfs2, Finder; see docs/cli.md."})
final class MountCommand extends BaseCommand {
    @Option(names = "--webdav", description = "serve over WebDAV (the only kind of mount so far)")
    boolean webdav;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "address to listen on (default: 127.0.0.1:4918; port 0: any free port)")
    String listen;

    @Option(names = "--allow-remote", description = "allow a --listen address other machines can reach; turns on a password")
    boolean allowRemote;

    @Option(names = "--auth", description = "require user 'cairn' and a random password (printed) on loopback too")
    boolean auth;

    @Option(names = "--cache-size", paramLabel = "MiB", description = "decrypted data kept in memory (default: 16)")
    int cacheMib = (int) (MountOptions.DEFAULT_CACHE_BYTES >> 20);

    @Option(names = "--refresh", paramLabel = "SECONDS", description = "look for new snapshots this often (default: 30; 0: never)")
    int refreshSeconds = (int) MountOptions.DEFAULT_REFRESH.toSeconds();

    private boolean remote;

    @Override
    protected int execute() throws Exception {
        MountOptions options = options();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> stopAndWait(stop, closed), "cairn-mount-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (OpenRepository open = openRepositoryForReading()) {
            List<SnapshotRef> snapshots = Snapshots.list(open.repo());
            try (DavServer server = DavServer.start(open.repo(), snapshots, options, p -> output().warn(p))) {
                announce(open.location(), snapshots.size(), server, options);
                stop.await();
            } catch (InterruptedException e) {
                // stopped in-process: close as after Ctrl-C
            }
        } finally {
            removeHook(hook);
            closed.countDown(); // the server has stopped and the repository has forgotten its key
        }
        return ExitCodes.OK;
    }

    private MountOptions options() {
        if (!webdav) {
            throw new ParameterException(spec.commandLine(), "say how to mount: --webdav (the only kind so far)");
        }
        if (refreshSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--refresh must be 0 (never) or more seconds");
        }
        if (cacheMib < 1) {
            throw new ParameterException(spec.commandLine(), "--cache-size must be at least 1 (MiB)");
        }
        ListenAddress address;
        try {
            address = listen == null ? ListenAddress.DEFAULT : ListenAddress.parse(listen);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        boolean loopback;
        try {
            loopback = address.loopback();
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "--listen: cannot resolve host '" + address.host() + "'");
        }
        if (!loopback && !allowRemote) {
            throw new ParameterException(spec.commandLine(), address.host() + " can be reached from other machines and the "
                    + "mount serves decrypted files over plain HTTP: add --allow-remote if you mean it (a password is then required)");
        }
        remote = !loopback;
        String password = remote || auth ? password() : null;
        return new MountOptions(address, password, (long) cacheMib << 20, MountOptions.DEFAULT_THREADS,
                java.time.Duration.ofSeconds(refreshSeconds));
    }

    /** 128 random bits, URL-safe (this command is a composition root: it may create the randomness). */
    private static String password() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private void announce(String location, int count, DavServer server, MountOptions options) {
        String host = options.listen().host().contains(":") ? "[" + options.listen().host() + "]" : options.listen().host();
        String url = "http://" + host + ":" + server.address().getPort() + "/";
        output().result("serving " + count + " snapshot" + (count == 1 ? "" : "s") + " of " + location + " read-only at " + url
                + " (Ctrl-C stops)");
        if (options.password() != null) {
            output().result("user cairn, password " + options.password());
        }
        if (remote) {
            output().warn("other machines can connect to " + url + "; traffic is plain HTTP (decrypted files and the password "
                    + "can be read on the way): use it only on a network you trust, or tunnel it (ssh -L)");
        }
        output().json(JsonOutput.object("message_type", "serving", "url", url, "snapshots", count, "user",
                options.password() == null ? null : "cairn", "password", options.password()));
    }

    /** The shutdown hook (Ctrl-C): lets the command stop the server, then gives it a moment to close the repository. */
    private static void stopAndWait(CountDownLatch stop, CountDownLatch closed) {
        stop.countDown();
        try {
            closed.await(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running
        }
    }
}
