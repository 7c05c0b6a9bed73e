package dev.cairn.billing;

import dev.cairn.billing.service.BillingModule;
import dev.cairn.server.ServerConfig;
import dev.cairn.server.ServerCore;
import dev.cairn.server.auth.PasswordHasher;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.db.TestDatabases;
import dev.cairn.testkit.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

/**
 * The platform with billing plugged in, on SQLite or PostgreSQL (embedded), with a data directory of its own and a
 * {@link MutableClock}: the real quota ledger, accounts, object service and usage meter.
 */
public final class BillingFixture implements AutoCloseable {
    public final MutableClock clock;
    public final ServerCore core;
    public final BillingModule billing;
    public final Path dir;

    public BillingFixture(Dialect dialect, Instant start) {
        this(dialect, start, c -> c);
    }

    /** As above, with the server's configuration changed by {@code tweak} (mail relay, public URL). */
    public BillingFixture(Dialect dialect, Instant start, java.util.function.UnaryOperator<ServerConfig> tweak) {
        this.clock = MutableClock.at(start);
        try {
            this.dir = Files.createTempDirectory("cairn-billing-test");
            ServerConfig config = ServerConfig.defaults(dir).withPasswordHash(PasswordHasher.TEST);
            if (dialect == Dialect.POSTGRES) {
                config = config.withStorage(TestDatabases.postgresUrl(), config.store());
            }
            this.core = ServerCore.open(tweak.apply(config), clock, new SecureRandom()::nextBytes, List.of(new BillingFeature()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.billing = ((BillingFeature.Started) core.features().getFirst()).module();
    }

    /** A new account (created now) on {@code plan}; returns its id. */
    public long account(String name, String plan) {
        long id = core.accounts().create(name, name + "@example.com", name + "-password-long", false).id();
        if (plan != null) {
            core.accounts().setPlan(name, plan);
        }
        return id;
    }

    /** Stores {@code bytes} more for the account through the quota ledger (reserve, then commit), now. */
    public void store(long accountId, long bytes) {
        core.quota().reserve(accountId, bytes);
        core.quota().commit(accountId, "repo", bytes, bytes);
    }

    /** Frees {@code bytes} of the account, now. */
    public void free(long accountId, long bytes) {
        core.quota().freed(accountId, "repo", bytes);
    }

    @Override
    public void close() throws IOException {
        core.close();
        dev.cairn.testkit.Directories.deleteRecursively(dir);
    }
}
