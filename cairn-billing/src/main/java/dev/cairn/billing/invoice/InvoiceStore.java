package dev.cairn.billing.invoice;

import dev.cairn.server.error.ServiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Issued invoices and credit notes ({@code billing_invoices}, {@code billing_invoice_lines}). Lines are written once,
 * with the invoice, and never changed; only {@code paid_at} is set later. Thread-safe.
 */
public final class InvoiceStore {
    private static final String SELECT = "SELECT i.*, a.name AS account_name FROM billing_invoices i "
            + "JOIN accounts a ON a.id = i.account_id ";
    private final Jdbi jdbi;

    public InvoiceStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Inserts an issued document with its lines in the caller's transaction; returns its id.
     *
     * @throws org.jdbi.v3.core.statement.StatementException if the account already has an invoice of that month
     */
    public static long insert(Handle h, Draft d, String number, String kind, String invoiceMonth, long issuedAt, long dueAt,
            Long correctsId) {
        long id = h.createQuery("INSERT INTO billing_invoices (account_id, number, kind, month, invoice_month, "
                + "period_start, period_end, currency, total_minor, issued_at, due_at, corrects_id) VALUES (:a, :n, :k, "
                + ":m, :im, :ps, :pe, :c, :t, :i, :due, :cor) RETURNING id").bind("a", d.accountId()).bind("n", number)
                .bind("k", kind).bind("m", d.month()).bind("im", invoiceMonth).bind("ps", d.periodStart())
                .bind("pe", d.periodEnd()).bind("c", d.currency()).bind("t", d.totalMinor()).bind("i", issuedAt)
                .bind("due", dueAt).bind("cor", correctsId).mapTo(Long.class).one();
        int no = 1;
        for (Line l : d.lines()) {
            h.createUpdate("INSERT INTO billing_invoice_lines (invoice_id, line_no, kind, description, quantity, "
                    + "amount_minor) VALUES (:i, :n, :k, :d, :q, :a)").bind("i", id).bind("n", no++).bind("k", l.kind())
                    .bind("d", l.description()).bind("q", l.quantity()).bind("a", l.amountMinor()).execute();
        }
        return id;
    }

    public static void markPaid(Handle h, long invoiceId, long at) {
        h.createUpdate("UPDATE billing_invoices SET paid_at = :t WHERE id = :i AND paid_at IS NULL").bind("t", at)
                .bind("i", invoiceId).execute();
    }

    /** @throws ServiceException not-found */
    public Invoice get(long id) {
        return jdbi.withHandle(h -> one(h, SELECT + "WHERE i.id = :v", id))
                .orElseThrow(() -> ServiceException.notFound("no invoice with id " + id));
    }

    /** @throws ServiceException not-found */
    public Invoice byNumber(String number) {
        return jdbi.withHandle(h -> one(h, SELECT + "WHERE i.number = :v", number))
                .orElseThrow(() -> ServiceException.notFound("no invoice numbered '" + number + "'"));
    }

    /** The account's documents, newest first; all accounts' if {@code accountId} is null. */
    public List<Invoice> list(Long accountId) {
        return jdbi.withHandle(h -> {
            var q = h.createQuery(SELECT + (accountId == null ? "" : "WHERE i.account_id = :a ")
                    + "ORDER BY i.issued_at DESC, i.id DESC");
            if (accountId != null) {
                q.bind("a", accountId);
            }
            List<Invoice> heads = q.map((rs, ctx) -> head(rs)).list();
            List<Invoice> full = new ArrayList<>();
            for (Invoice i : heads) {
                full.add(withLines(h, i));
            }
            return full;
        });
    }

    /** Unpaid invoices with a positive total, oldest due first. */
    public List<Invoice> unpaid() {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE i.paid_at IS NULL AND i.kind = 'invoice' "
                + "ORDER BY i.due_at, i.id").map((rs, ctx) -> head(rs)).list());
    }

    /** The sum of the totals of the credit notes correcting {@code invoiceId} (negative or zero). */
    public long corrections(Handle h, long invoiceId) {
        return h.createQuery("SELECT COALESCE(SUM(total_minor), 0) FROM billing_invoices WHERE corrects_id = :i")
                .bind("i", invoiceId).mapTo(Long.class).one();
    }

    private static Optional<Invoice> one(Handle h, String sql, Object value) {
        return h.createQuery(sql).bind("v", value).map((rs, ctx) -> head(rs)).findFirst().map(i -> withLines(h, i));
    }

    private static Invoice withLines(Handle h, Invoice i) {
        List<Line> lines = h.createQuery("SELECT * FROM billing_invoice_lines WHERE invoice_id = :i ORDER BY line_no")
                .bind("i", i.id()).map((rs, ctx) -> new Line(rs.getString("kind"), rs.getString("description"),
                        rs.getString("quantity"), rs.getLong("amount_minor"))).list();
        return new Invoice(i.id(), i.accountId(), i.accountName(), i.number(), i.kind(), i.month(), i.periodStart(),
                i.periodEnd(), i.currency(), i.totalMinor(), i.issuedAt(), i.dueAt(), i.paidAt(), i.correctsId(), lines);
    }

    private static Invoice head(java.sql.ResultSet rs) throws java.sql.SQLException {
        long paid = rs.getLong("paid_at");
        boolean unpaid = rs.wasNull();
        long corrects = rs.getLong("corrects_id");
        boolean noCorrection = rs.wasNull();
        return new Invoice(rs.getLong("id"), rs.getLong("account_id"), rs.getString("account_name"),
                rs.getString("number"), rs.getString("kind"), rs.getString("month"), rs.getLong("period_start"),
                rs.getLong("period_end"), rs.getString("currency"), rs.getLong("total_minor"), rs.getLong("issued_at"),
                rs.getLong("due_at"), unpaid ? null : paid, noCorrection ? null : corrects, List.of());
    }
}
