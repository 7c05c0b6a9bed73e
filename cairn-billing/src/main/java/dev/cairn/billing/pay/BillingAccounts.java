package dev.cairn.billing.pay;

import dev.cairn.server.error.ServiceException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Per-account billing data ({@code billing_accounts}, a row made on first change; without one an account is postpaid,
 * untaxed, without payment method, in good standing) joined with the platform's account. Thread-safe.
 */
public final class BillingAccounts {
    private static final String SELECT = "SELECT a.id, a.name, a.email, a.plan, a.stored_bytes, a.status, b.mode, "
            + "b.balance_minor, b.tax_rate_bp, b.payment_method, b.state, b.state_since, b.notice_sent_at "
            + "FROM accounts a LEFT JOIN billing_accounts b ON b.account_id = a.id ";
    private final Jdbi jdbi;

    public BillingAccounts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @throws ServiceException not-found */
    public BillingAccount get(long accountId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE a.id = :v").bind("v", accountId)
                .map((rs, ctx) -> row(rs)).findFirst())
                .orElseThrow(() -> ServiceException.notFound("no account with id " + accountId));
    }

    /** @throws ServiceException not-found, in the admin's words */
    public BillingAccount byName(String name) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE a.name = :v").bind("v", name)
                .map((rs, ctx) -> row(rs)).findFirst())
                .orElseThrow(() -> ServiceException.notFound("no account named '" + name + "'"));
    }

    /** Every account not deleted, by name. */
    public List<BillingAccount> list() {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE a.status <> 'deleted' ORDER BY a.name")
                .map((rs, ctx) -> row(rs)).list());
    }

    /** The dunning state only (cheap: the write policy asks it before every upload). */
    public Optional<String> state(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT state FROM billing_accounts WHERE account_id = :a")
                .bind("a", accountId).mapTo(String.class).findFirst());
    }

    public void setMode(long accountId, String mode) {
        if (!"prepaid".equals(mode) && !"postpaid".equals(mode)) {
            throw new IllegalArgumentException("mode must be prepaid or postpaid, not '" + mode + "'");
        }
        update(accountId, "mode", mode);
    }

    public void setTaxRate(long accountId, int basisPoints) {
        if (basisPoints < 0 || basisPoints > 10_000) {
            throw new IllegalArgumentException("a tax rate is between 0 and 100 %");
        }
        update(accountId, "tax_rate_bp", basisPoints);
    }

    public void setPaymentMethod(long accountId, String method) {
        update(accountId, "payment_method", method);
    }

    public void setState(Handle h, long accountId, String state, long now, boolean notice) {
        ensure(h, accountId);
        h.createUpdate("UPDATE billing_accounts SET state = :s, state_since = :t"
                + (notice ? ", notice_sent_at = :t" : "") + " WHERE account_id = :a AND state <> :s")
                .bind("s", state).bind("t", now).bind("a", accountId).execute();
    }

    /** Adds {@code delta} minor units to the balance in the caller's transaction. */
    public static void addBalance(Handle h, long accountId, long delta) {
        ensure(h, accountId);
        h.createUpdate("UPDATE billing_accounts SET balance_minor = balance_minor + :d WHERE account_id = :a")
                .bind("d", delta).bind("a", accountId).execute();
    }

    private void update(long accountId, String column, Object value) {
        jdbi.useTransaction(h -> {
            ensure(h, accountId);
            h.createUpdate("UPDATE billing_accounts SET " + column + " = :v WHERE account_id = :a").bind("v", value)
                    .bind("a", accountId).execute();
        });
    }

    public static void ensure(Handle h, long accountId) {
        h.createUpdate("INSERT INTO billing_accounts (account_id) VALUES (:a) ON CONFLICT (account_id) DO NOTHING")
                .bind("a", accountId).execute();
    }

    private static BillingAccount row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long since = rs.getLong("state_since");
        Long stateSince = rs.wasNull() ? null : since;
        long notice = rs.getLong("notice_sent_at");
        Long noticeSent = rs.wasNull() ? null : notice;
        String mode = rs.getString("mode");
        String state = rs.getString("state");
        return new BillingAccount(rs.getLong("id"), rs.getString("name"), rs.getString("email"), rs.getString("plan"),
                rs.getLong("stored_bytes"), rs.getString("status"), mode == null ? "postpaid" : mode,
                rs.getLong("balance_minor"), rs.getInt("tax_rate_bp"), rs.getString("payment_method"),
                state == null ? "good" : state, stateSince, noticeSent);
    }
}
