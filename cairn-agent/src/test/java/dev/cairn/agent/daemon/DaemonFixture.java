package dev.cairn.agent.daemon;

import dev.cairn.blob.LocalBlobStore;
import dev.cairn.engine.crypto.KdfParams;
import dev.cairn.engine.repo.Environment;
import dev.cairn.engine.repo.Repositories;
import dev.cairn.engine.repo.Repository;
import dev.cairn.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * An in-process daemon on a {@link MutableClock} over real local repositories (opened the way the engine opens them,
 * counting how often a key is derived), writing its log to a buffer.
 */
final class DaemonFixture {
    static final String PASSWORD = "daemon test passphrase";
    final Path tmp;
    final MutableClock clock = MutableClock.at(java.time.Instant.parse("2026-03-02T10:00:00Z"));
    final AtomicInteger opens = new AtomicInteger();
    final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    Outbox.ReportSender sender = (server, token, json) -> {
        throw new java.net.ConnectException("no server in this test");
    };

    DaemonFixture(Path tmp) {
        this.tmp = tmp;
    }

    Clock clock() {
        return clock.withZone(ZoneOffset.UTC);
    }

    /** A new repository with cheap key derivation; returns its directory. */
    Path repository(String name) throws IOException {
        Path dir = tmp.resolve(name);
        try (LocalBlobStore store = LocalBlobStore.create(dir);
             Repository r = Repositories.init(store, PASSWORD.toCharArray(), Repositories.InitOptions.defaults()
                     .withKdf(KdfParams.TEST), Environment.system())) {
            return dir;
        }
    }

    /** A source directory with a few files. */
    Path sources(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (int i = 0; i < 3; i++) {
            Files.writeString(dir.resolve("file" + i + ".txt"), "content " + i + " of " + name);
        }
        return dir;
    }

    Path config(String yaml) throws IOException {
        return Files.writeString(tmp.resolve("daemon.yaml"), yaml);
    }

    Daemon start(Path config) throws Exception {
        RepositoryOpener opener = set -> {
            opens.incrementAndGet();
            LocalBlobStore store = LocalBlobStore.open(Path.of(set.repository()));
            return new RepositoryOpener.Opened(Repositories.open(store, PASSWORD.toCharArray(), Environment.system()), () -> {
                store.close();
            });
        };
        Outbox.Tokens tokens = (server, tokenFile, insecure) -> Optional.of("test-token");
        return Daemon.start(new Daemon.Options(config, tmp.resolve("state"), clock(), opener, (s, t, j) -> sender.send(s, t, j),
                tokens, "test", "testhost", new Log(new PrintStream(logBytes, true, StandardCharsets.UTF_8), clock()), false));
    }

    String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    static long snapshots(Path repo) throws IOException {
        try (var s = Files.list(repo.resolve("snapshots"))) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    /** One pass of the loop, then waits until no set runs. */
    static void stepAndSettle(Daemon d) throws InterruptedException {
        d.step();
        awaitTrue(() -> d.config().sets().keySet().stream().noneMatch(d.scheduler()::running), Duration.ofSeconds(60));
    }

    static void awaitTrue(BooleanSupplier condition, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + max);
            }
            Thread.sleep(20);
        }
    }
}
