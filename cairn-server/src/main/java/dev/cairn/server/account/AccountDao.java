package dev.cairn.server.account;

import dev.cairn.server.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** SQL for accounts, plans, settings and invites. Each method is one statement on the given handle or its own handle. */
final class AccountDao {
    private static final String SELECT = "SELECT a.*, COALESCE(a.quota_bytes, p.quota_bytes) AS effective_quota "
            + "FROM accounts a JOIN plans p ON p.name = a.plan ";

    private final Jdbi jdbi;
    private final Jdbi reads;

    AccountDao(Jdbi jdbi, Jdbi reads) {
        this.jdbi = jdbi;
        this.reads = reads;
    }

    long insert(Handle h, String name, String email, String hash, boolean admin, Instant now) {
        return h.createQuery("INSERT INTO accounts (name, email, password_hash, admin, status, plan, created_at) "
                + "VALUES (:n, :e, :h, :admin, 'active', 'default', :now) RETURNING id")
                .bind("n", name).bind("e", email).bind("h", hash).bind("admin", admin ? 1 : 0)
                .bind("now", now.toEpochMilli()).mapTo(Long.class).one();
    }

    boolean nameOrEmailTaken(Handle h, String name, String email) {
        return h.createQuery("SELECT COUNT(*) FROM accounts WHERE name = :n OR email = :e")
                .bind("n", name).bind("e", email).mapTo(Long.class).one() > 0;
    }

    Optional<Account> byName(String name) {
        return reads.withHandle(h -> h.createQuery(SELECT + "WHERE a.name = :n").bind("n", name)
                .map((rs, ctx) -> account(rs)).findOne());
    }

    Optional<Account> byNameOrEmail(String login) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE a.name = :n OR a.email = :n").bind("n", login)
                .map((rs, ctx) -> account(rs)).findFirst());
    }

    Optional<Account> byId(long id) {
        return reads.withHandle(h -> h.createQuery(SELECT + "WHERE a.id = :id").bind("id", id)
                .map((rs, ctx) -> account(rs)).findOne());
    }

    List<Account> all() {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "ORDER BY a.name").map((rs, ctx) -> account(rs)).list());
    }

    long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM accounts").mapTo(Long.class).one());
    }

    String passwordHash(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM accounts WHERE id = :id").bind("id", id)
                .mapTo(String.class).one());
    }

    void setPasswordHash(long id, String hash) {
        update("UPDATE accounts SET password_hash = :v WHERE id = :id", id, hash);
    }

    /** The account's chosen time zone id; empty when it chose none (or has no row). */
    Optional<String> timeZone(long id) {
        return reads.withHandle(h -> h.createQuery("SELECT time_zone FROM accounts WHERE id = :id").bind("id", id)
                .mapTo(String.class).findOne().filter(z -> z != null));
    }

    void setTimeZone(long id, String zone) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE accounts SET time_zone = :v WHERE id = :id")
                .bindByType("v", zone, String.class).bind("id", id).execute());
    }

    /** Sets the status; the suspension reason is kept only while suspended. */
    void setStatus(Handle h, long id, AccountStatus status, String reason) {
        h.createUpdate("UPDATE accounts SET status = :v, suspended_reason = :r WHERE id = :id")
                .bind("v", status.wireName()).bindByType("r", status == AccountStatus.SUSPENDED ? reason : null,
                        String.class).bind("id", id).execute();
    }

    void markDeleted(Handle h, long id, Instant now, Instant purgeAfter) {
        h.createUpdate("UPDATE accounts SET status = 'deleted', deleted_at = :now, purge_after = :p WHERE id = :id")
                .bind("now", now.toEpochMilli()).bind("p", purgeAfter.toEpochMilli()).bind("id", id).execute();
    }

    /** Whether an active administrator other than account {@code id} exists. */
    boolean anotherActiveAdmin(Handle h, long id) {
        return h.createQuery("SELECT COUNT(*) FROM accounts WHERE admin <> 0 AND status = 'active' AND id <> :id")
                .bind("id", id).mapTo(Long.class).one() > 0;
    }

    Optional<Account> byId(Handle h, long id) {
        return h.createQuery(SELECT + "WHERE a.id = :id").bind("id", id).map((rs, ctx) -> account(rs)).findOne();
    }

    void setQuota(long id, Long quotaBytes) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE accounts SET quota_bytes = :v WHERE id = :id")
                .bindByType("v", quotaBytes, Long.class).bind("id", id).execute());
    }

    void setPlan(long id, String plan) {
        update("UPDATE accounts SET plan = :v WHERE id = :id", id, plan);
    }

    boolean planExists(String plan) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM plans WHERE name = :p").bind("p", plan)
                .mapTo(Long.class).one() > 0);
    }

    List<Plan> plans() {
        return reads.withHandle(h -> h.createQuery("SELECT p.name, p.quota_bytes, (SELECT COUNT(*) FROM accounts a "
                + "WHERE a.plan = p.name AND a.status <> 'deleted') AS n FROM plans p ORDER BY p.name")
                .map((rs, ctx) -> new Plan(rs.getString("name"), Account.effectiveQuota(Rows.nullableLong(rs,
                        "quota_bytes")), rs.getLong("n"))).list());
    }

    void upsertPlan(String plan, Long quotaBytes) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO plans (name, quota_bytes) VALUES (:p, :q) "
                + "ON CONFLICT (name) DO UPDATE SET quota_bytes = excluded.quota_bytes")
                .bind("p", plan).bindByType("q", quotaBytes, Long.class).execute());
    }

    List<Account> dueForPurge(Instant now) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE a.status = 'deleted' AND a.purge_after <= :now")
                .bind("now", now.toEpochMilli()).map((rs, ctx) -> account(rs)).list());
    }

    void delete(long id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM accounts WHERE id = :id").bind("id", id).execute());
    }

    Optional<String> setting(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT value FROM settings WHERE name = :n").bind("n", name)
                .mapTo(String.class).findOne());
    }

    void putSetting(String name, String value) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO settings (name, value) VALUES (:n, :v) "
                + "ON CONFLICT (name) DO UPDATE SET value = excluded.value").bind("n", name).bind("v", value).execute());
    }

    void insertInvite(String codeHash, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO invites (code_hash, created_at) VALUES (:c, :now)")
                .bind("c", codeHash).bind("now", now.toEpochMilli()).execute());
    }

    /** Marks an unused invite as used by {@code accountId}; false if there is no unused invite with that hash. */
    boolean useInvite(Handle h, String codeHash, long accountId, Instant now) {
        return h.createUpdate("UPDATE invites SET used_at = :now, used_by = :a WHERE code_hash = :c AND used_at IS NULL")
                .bind("now", now.toEpochMilli()).bind("a", accountId).bind("c", codeHash).execute() == 1;
    }

    private void update(String sql, long id, String value) {
        jdbi.useHandle(h -> h.createUpdate(sql).bind("v", value).bind("id", id).execute());
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("name"), rs.getString("email"), rs.getInt("admin") != 0,
                AccountStatus.parse(rs.getString("status")), rs.getString("plan"),
                Account.effectiveQuota(Rows.nullableLong(rs, "effective_quota")),
                rs.getLong("stored_bytes"), rs.getLong("reserved_bytes"), Rows.instant(rs, "created_at"),
                Rows.instant(rs, "purge_after"), rs.getString("suspended_reason"));
    }
}
