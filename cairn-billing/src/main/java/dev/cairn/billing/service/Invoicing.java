package dev.cairn.billing.service;

import dev.cairn.billing.audit.AuditLog;
import dev.cairn.billing.invoice.Draft;
import dev.cairn.billing.invoice.Invoice;
import dev.cairn.billing.invoice.InvoiceCalculator;
import dev.cairn.billing.invoice.InvoiceStore;
import dev.cairn.billing.invoice.Line;
import dev.cairn.billing.money.CurrencyUnit;
import dev.cairn.billing.pay.BillingAccount;
import dev.cairn.billing.pay.BillingAccounts;
import dev.cairn.billing.plan.PlanCatalog;
import dev.cairn.billing.usage.AccountUsage;
import dev.cairn.billing.usage.BillingMonth;
import dev.cairn.billing.usage.UsageReader;
import dev.cairn.server.error.ServiceException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/**
 * Previews, forecasts and issues invoices; issues credit notes. Issuing month M for an account is idempotent and safe on
 * several processes at once (one invoice per account and month, enforced by the database); it is refused before M has
 * ended. A prepaid account's invoice is paid from its balance at once if the balance covers it. Thread-safe.
 */
public final class Invoicing {
    private final Jdbi jdbi;
    private final InstantSource clock;
    private final BillingSettings settings;
    private final PlanCatalog plans;
    private final BillingAccounts accounts;
    private final InvoiceStore invoices;
    private final UsageReader usage;
    private final AuditLog audit;

    public Invoicing(Jdbi jdbi, InstantSource clock, BillingSettings settings, PlanCatalog plans,
            BillingAccounts accounts, InvoiceStore invoices, AuditLog audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.settings = settings;
        this.plans = plans;
        this.accounts = accounts;
        this.invoices = invoices;
        this.usage = new UsageReader(jdbi);
        this.audit = audit;
    }

    /** The month so far: what the invoice would be if the month ended now. */
    public Draft preview(long accountId) {
        BillingMonth month = BillingMonth.containing(clock.instant(), settings.zone());
        long now = Math.max(month.startMillis() + 1, clock.millis());
        return compute(month, usage.read(accountId, month.startMillis(), now), accountId);
    }

    /**
     * The whole month's expected invoice: the month so far, then today's storage and plan kept to the month's end and
     * egress continuing at the month's average rate so far (an estimate; the invoice bills what happens).
     */
    public Draft forecast(long accountId) {
        BillingMonth month = BillingMonth.containing(clock.instant(), settings.zone());
        long now = Math.max(month.startMillis() + 1, clock.millis());
        AccountUsage sofar = usage.read(accountId, month.startMillis(), now);
        return compute(month, extend(sofar, month.endMillis()), accountId);
    }

    static AccountUsage extend(AccountUsage u, long end) {
        if (u.storage().isEmpty() || u.plans().isEmpty()) { // created this very millisecond: nothing to extrapolate
            return u;
        }
        var storage = new ArrayList<>(u.storage());
        var last = storage.removeLast();
        storage.add(new AccountUsage.Step(last.from(), end, last.bytes()));
        var plans = new ArrayList<>(u.plans());
        var span = plans.removeLast();
        plans.add(new AccountUsage.PlanSpan(span.from(), end, span.plan()));
        var egress = new ArrayList<>(u.egress());
        long sofar = u.egressIn(u.from(), u.to());
        long elapsed = u.to() - u.from();
        if (sofar > 0) { // the rest of the month at the same rate, floor; counted in the period containing now
            egress.add(new AccountUsage.EgressDay(u.to(), java.math.BigInteger.valueOf(sofar)
                    .multiply(java.math.BigInteger.valueOf(end - u.to()))
                    .divide(java.math.BigInteger.valueOf(elapsed)).longValueExact()));
        }
        return new AccountUsage(u.accountId(), u.from(), end, u.createdAt(), storage, plans, egress);
    }

    /** The invoice of a whole past month for one account, not stored. */
    public Draft compute(BillingMonth month, long accountId) {
        return compute(month, usage.read(accountId, month.startMillis(), month.endMillis()), accountId);
    }

    private Draft compute(BillingMonth month, AccountUsage u, long accountId) {
        BillingAccount a = accounts.get(accountId);
        CurrencyUnit currency = settings.currency();
        return InvoiceCalculator.compute(month, u, new InvoiceCalculator.Terms(currency, plans::get, a.taxRateBp(),
                availableCredit(accountId)));
    }

    /**
     * Issues month {@code month}'s invoices of every account that existed before it ended and has none yet.
     *
     * @throws IllegalArgumentException if the month has not ended
     */
    public List<Invoice> issue(BillingMonth month, String actor) {
        if (clock.millis() < month.endMillis()) {
            throw new IllegalArgumentException("month " + month + " has not ended yet (it ends "
                    + java.time.Instant.ofEpochMilli(month.endMillis()) + "); preview it with 'cairn server invoices preview'");
        }
        List<Long> ids = jdbi.withHandle(h -> h.createQuery("SELECT a.id FROM accounts a WHERE a.created_at < :e "
                + "AND NOT EXISTS (SELECT 1 FROM billing_invoices i WHERE i.account_id = a.id AND i.invoice_month = :m) "
                + "ORDER BY a.id").bind("e", month.endMillis()).bind("m", month.toString()).mapTo(Long.class).list());
        List<Invoice> issued = new ArrayList<>();
        for (long id : ids) {
            issueOne(month, id).ifPresent(issued::add);
        }
        if (!issued.isEmpty()) {
            audit.record(actor, "invoices issue", month.toString(), null, issued.size() + " invoices");
        }
        return issued;
    }

    private java.util.Optional<Invoice> issueOne(BillingMonth month, long accountId) {
        Draft d = compute(month, accountId);
        long now = clock.millis();
        long due = now + settings.due().toMillis();
        String number = "INV-" + month.month().toString().replace("-", "") + "-" + accountId;
        try {
            long id = jdbi.inTransaction(h -> {
                long invoiceId = InvoiceStore.insert(h, d, number, "invoice", month.toString(), now, due, null);
                useCredits(h, accountId, d.creditUsedMinor(), invoiceId, now);
                settleFromBalance(h, accountId, invoiceId, d.totalMinor(), now);
                return invoiceId;
            });
            return java.util.Optional.of(invoices.get(id));
        } catch (StatementException e) {
            boolean issuedElsewhere = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM billing_invoices WHERE "
                    + "account_id = :a AND invoice_month = :m").bind("a", accountId).bind("m", month.toString())
                    .mapTo(Long.class).one() > 0);
            if (issuedElsewhere) {
                return java.util.Optional.empty(); // another process issued it first
            }
            throw e;
        }
    }

    private void settleFromBalance(Handle h, long accountId, long invoiceId, long total, long now) {
        BillingAccounts.ensure(h, accountId);
        var row = h.createQuery("SELECT mode, balance_minor FROM billing_accounts WHERE account_id = :a")
                .bind("a", accountId).map((rs, ctx) -> new Object[] {rs.getString(1), rs.getLong(2)}).one();
        if (total <= 0) {
            InvoiceStore.markPaid(h, invoiceId, now);
        } else if ("prepaid".equals(row[0]) && (long) row[1] >= total) {
            BillingAccounts.addBalance(h, accountId, -total);
            h.createUpdate("INSERT INTO billing_payments (account_id, invoice_id, amount_minor, gateway, reference, "
                    + "status, at) VALUES (:a, :i, :m, 'balance', 'prepaid balance', 'succeeded', :t)").bind("a", accountId)
                    .bind("i", invoiceId).bind("m", total).bind("t", now).execute();
            InvoiceStore.markPaid(h, invoiceId, now);
        }
    }

    /** Unused credit of the account, minor units. */
    public long availableCredit(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(SUM(amount_minor), 0) FROM billing_credits "
                + "WHERE account_id = :a AND invoice_id IS NULL").bind("a", accountId).mapTo(Long.class).one());
    }

    /** Grants credit, used by the next invoices. */
    public void grantCredit(long accountId, long amountMinor, String reason, String actor) {
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("a credit must be positive");
        }
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO billing_credits (account_id, amount_minor, reason, granted_at) "
                + "VALUES (:a, :m, :r, :t)").bind("a", accountId).bind("m", amountMinor).bind("r", reason)
                .bind("t", clock.millis()).execute());
        audit.record(actor, "credit grant", "account " + accountId, null, "{\"amountMinor\":" + amountMinor + "}");
    }

    private static void useCredits(Handle h, long accountId, long used, long invoiceId, long now) {
        long left = used;
        for (long[] c : h.createQuery("SELECT id, amount_minor FROM billing_credits WHERE account_id = :a AND "
                + "invoice_id IS NULL ORDER BY id").bind("a", accountId)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).list()) {
            if (left <= 0) {
                break;
            }
            h.createUpdate("UPDATE billing_credits SET invoice_id = :i WHERE id = :c").bind("i", invoiceId)
                    .bind("c", c[0]).execute();
            if (c[1] > left) { // the rest stays available
                h.createUpdate("INSERT INTO billing_credits (account_id, amount_minor, reason, granted_at) VALUES "
                        + "(:a, :m, 'rest of an earlier credit', :t)").bind("a", accountId).bind("m", c[1] - left)
                        .bind("t", now).execute();
            }
            left -= c[1];
        }
    }

    /**
     * Issues a credit note of {@code amountMinor} against an invoice (the invoice itself never changes). If the invoice
     * is unpaid and the notes cover it, it counts as paid; if it was paid, the amount becomes credit for next time.
     */
    public Invoice creditNote(String number, long amountMinor, String reason, String actor) {
        Invoice original = invoices.byNumber(number);
        if (!"invoice".equals(original.kind())) {
            throw ServiceException.badRequest(number + " is a credit note; correct the invoice it belongs to");
        }
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("a credit note's amount must be positive");
        }
        long now = clock.millis();
        long id = jdbi.inTransaction(h -> {
            long left = original.totalMinor() + invoices.corrections(h, original.id());
            if (amountMinor > left) {
                throw ServiceException.badRequest("at most " + CurrencyUnit.of(original.currency()).format(left)
                        + " of " + number + " is left to credit");
            }
            long n = h.createQuery("SELECT COUNT(*) FROM billing_invoices WHERE corrects_id = :i")
                    .bind("i", original.id()).mapTo(Long.class).one() + 1;
            Draft d = new Draft(original.accountId(), original.month(), original.periodStart(), original.periodEnd(),
                    original.currency(), List.of(new Line("correction", "Correction of " + number + ": " + reason, "1",
                            -amountMinor)), 0);
            long noteId = InvoiceStore.insert(h, d, "CN-" + number.substring(4) + "-" + n, "credit-note", null, now, now,
                    original.id());
            InvoiceStore.markPaid(h, noteId, now);
            if (original.paid()) {
                h.createUpdate("INSERT INTO billing_credits (account_id, amount_minor, reason, granted_at) VALUES "
                        + "(:a, :m, :r, :t)").bind("a", original.accountId()).bind("m", amountMinor)
                        .bind("r", "credit note of " + number).bind("t", now).execute();
            } else if (amountMinor == left) {
                InvoiceStore.markPaid(h, original.id(), now);
            }
            return noteId;
        });
        audit.record(actor, "credit note", number, "{\"total\":" + original.totalMinor() + "}",
                "{\"credited\":" + amountMinor + ",\"reason\":\"" + reason.replace("\"", "'") + "\"}");
        return invoices.get(id);
    }
}
