package dev.cairn.server.storage;

import dev.cairn.protocol.RepoInfo;
import dev.cairn.server.db.Rows;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code repos} table: which repositories a tenant has, with their stored size and last write. Creation is
 * idempotent and remembered in memory, so writes do not hit the database to re-create a known repository. Thread-safe.
 */
public final class RepoRegistry {
    private final Jdbi jdbi;
    private final InstantSource clock;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public RepoRegistry(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Creates the repository if it does not exist. */
    public void ensure(long accountId, String repo) {
        if (known.contains(key(accountId, repo))) {
            return;
        }
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO repos (account_id, name, created_at) VALUES (:a, :r, :now) "
                + "ON CONFLICT (account_id, name) DO NOTHING").bind("a", accountId).bind("r", repo)
                .bind("now", clock.millis()).execute());
        known.add(key(accountId, repo));
    }

    public boolean exists(long accountId, String repo) {
        return known.contains(key(accountId, repo)) || jdbi.withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM repos WHERE account_id = :a AND name = :r").bind("a", accountId).bind("r", repo)
                .mapTo(Long.class).one() > 0);
    }

    /** The tenant's repositories by name. */
    public List<RepoInfo> list(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM repos WHERE account_id = :a ORDER BY name")
                .bind("a", accountId).map((rs, ctx) -> new RepoInfo(rs.getString("name"), rs.getLong("stored_bytes"),
                        rs.getLong("object_count"), Rows.instant(rs, "created_at"), Rows.instant(rs, "last_write_at")))
                .list());
    }

    /** One repository of some tenant. */
    public record Ref(long accountId, String name) {
    }

    /** Every repository of every tenant. */
    public List<Ref> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT account_id, name FROM repos ORDER BY account_id, name")
                .map((rs, ctx) -> new Ref(rs.getLong(1), rs.getString(2))).list());
    }

    /** Repositories of one tenant. */
    public List<Ref> of(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT account_id, name FROM repos WHERE account_id = :a")
                .bind("a", accountId).map((rs, ctx) -> new Ref(rs.getLong(1), rs.getString(2))).list());
    }

    /**
     * Removes a repository whose objects were all deleted (ObjectService.deleteRepository). Objects still hidden by the
     * delete grace period stay counted in the account until they are purged.
     */
    public void remove(long accountId, String repo) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM repos WHERE account_id = :a AND name = :r").bind("a", accountId)
                .bind("r", repo).execute());
        known.remove(key(accountId, repo));
    }

    /** Forgets a tenant's repositories (after its data was purged). */
    public void forgetAll(long accountId) {
        known.removeIf(k -> k.startsWith(accountId + "/"));
    }

    private static String key(long accountId, String repo) {
        return accountId + "/" + repo;
    }
}
