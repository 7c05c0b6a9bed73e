package dev.cairn.server.db;

import dev.cairn.server.account.AccountService;
import dev.cairn.server.account.SignupMode;
import dev.cairn.server.auth.LoginThrottle;
import dev.cairn.server.auth.PasswordHasher;
import dev.cairn.server.auth.RandomBytes;
import dev.cairn.server.auth.SessionService;
import dev.cairn.server.auth.TokenService;
import dev.cairn.server.quota.QuotaService;
import dev.cairn.server.quota.UsageMeter;
import dev.cairn.testkit.MutableClock;
import java.time.Duration;
import java.util.Random;

/** The DB-backed services over one test database, with a mutable clock and seeded randomness. */
public final class Services implements AutoCloseable {
    public final Database db;
    public final MutableClock clock = MutableClock.create();
    public final RandomBytes random = new Random(42)::nextBytes;
    public final TokenService tokens;
    public final SessionService sessions;
    public final AccountService accounts;
    public final QuotaService quota;
    public final UsageMeter meter;

    public Services(Dialect dialect) {
        this.db = TestDatabases.open(dialect);
        var jdbi = db.jdbi();
        this.tokens = new TokenService(jdbi, db.reads(), clock, random);
        this.sessions = new SessionService(jdbi, clock, random, Duration.ofHours(1));
        this.accounts = new AccountService(jdbi, db.reads(), new PasswordHasher(PasswordHasher.TEST, random, 2),
                new LoginThrottle(clock, 5, Duration.ofMinutes(5)), new LoginThrottle(clock, 20, Duration.ofMinutes(5)),
                sessions, tokens, clock, random, SignupMode.OPEN,
                Duration.ofDays(7));
        this.quota = new QuotaService(jdbi, clock, "test-instance");
        this.meter = new UsageMeter(jdbi, clock);
    }

    @Override
    public void close() {
        db.close();
    }
}
