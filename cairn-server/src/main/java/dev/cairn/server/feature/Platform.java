package dev.cairn.server.feature;

import dev.cairn.server.alerts.Alerts;
import dev.cairn.server.auth.PasswordHasher;
import dev.cairn.server.auth.RandomBytes;
import dev.cairn.server.db.Database;
import dev.cairn.server.mail.Mailer;
import dev.cairn.server.quota.QuotaService;
import dev.cairn.server.storage.SpoolDirectory;
import dev.cairn.server.storage.TenantStores;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.InstantSource;

/**
 * The platform's services a feature builds on: the migrated database, time and randomness (injected, never the
 * system's directly), the spool directory for uploads on their way in, the password hasher (for secrets such as
 * passphrases), the mail relay, the server's public URL (for links in emails; may be null), the metrics registry, and
 * the tenant stores with the quota ledger, for a feature that keeps files counted in the tenant's quota (in its own
 * {@linkplain TenantStores#featureStore feature store}, reserving with {@link QuotaService#reserve} before it stores),
 * and the {@linkplain Alerts alerts} a feature raises and resolves for an account (e.g. a scheduled export failed).
 */
public record Platform(Database database, InstantSource clock, RandomBytes random, SpoolDirectory spool,
        PasswordHasher hasher, Mailer mailer, java.time.Duration mailTimeout, String publicUrl, MeterRegistry metrics,
        TenantStores stores, QuotaService quota, Alerts alerts) {

    /** A platform whose alerts go nowhere ({@link Alerts#NONE}), for feature tests that build one by hand. */
    public Platform(Database database, InstantSource clock, RandomBytes random, SpoolDirectory spool,
            PasswordHasher hasher, Mailer mailer, java.time.Duration mailTimeout, String publicUrl,
            MeterRegistry metrics, TenantStores stores, QuotaService quota) {
        this(database, clock, random, spool, hasher, mailer, mailTimeout, publicUrl, metrics, stores, quota,
                Alerts.NONE);
    }
}
