package dev.cairn.billing.service;

import dev.cairn.billing.invoice.Invoice;
import dev.cairn.billing.invoice.InvoiceStore;
import dev.cairn.billing.money.CurrencyUnit;
import dev.cairn.billing.pay.BillingAccount;
import dev.cairn.billing.pay.BillingAccounts;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.mail.MailException;
import dev.cairn.server.mail.Mailer;
import dev.cairn.server.mail.OutgoingMail;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dunning that never surprises (ADR 36). For the oldest unpaid invoice of an account, by time since its due date:
 * overdue → a reminder email, state {@code reminded}; past the grace period → an email that new writes are paused, state
 * {@code restricted} (the {@linkplain #check write policy} refuses uploads; reads, restores and deletes still work);
 * {@code notice-days} later → the written deletion notice, state {@code notice}. Data is never deleted here: an account
 * whose notice is {@code deletion-days} old is {@linkplain #deletionDue listed} for the administrator. A step that
 * needs an email happens only once the email is accepted (retried every run). Paying returns the account to
 * {@code good} at the next run. Thread-safe; safe on several processes (each email is recorded once per step).
 */
public final class Dunning {
    private static final Logger LOG = LoggerFactory.getLogger(Dunning.class);
    private final Jdbi jdbi;
    private final InstantSource clock;
    private final BillingSettings settings;
    private final InvoiceStore invoices;
    private final BillingAccounts accounts;
    private final Mailer mailer;
    private final String payUrl;

    public Dunning(Jdbi jdbi, InstantSource clock, BillingSettings settings, InvoiceStore invoices,
            BillingAccounts accounts, Mailer mailer, String publicUrl) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.settings = settings;
        this.invoices = invoices;
        this.accounts = accounts;
        this.mailer = mailer;
        this.payUrl = (publicUrl == null ? "" : publicUrl.replaceAll("/+$", "")) + "/web/billing";
    }

    /** One pass over all accounts. */
    public void run() {
        long now = clock.millis();
        Map<Long, Invoice> oldest = new HashMap<>();
        for (Invoice i : invoices.unpaid()) {
            oldest.putIfAbsent(i.accountId(), i);
        }
        for (BillingAccount a : accounts.list()) {
            Invoice i = oldest.get(a.accountId());
            if (i == null || i.dueAt() > now) {
                if (!"good".equals(a.state())) {
                    jdbi.useHandle(h -> accounts.setState(h, a.accountId(), "good", now, false));
                }
                continue;
            }
            step(a, i, now);
        }
    }

    private void step(BillingAccount a, Invoice i, long now) {
        long overdue = now - i.dueAt();
        long grace = settings.grace().toMillis();
        String target = overdue >= grace + settings.notice().toMillis() ? "notice"
                : overdue >= grace ? "restricted" : "reminded";
        String mailStep = switch (target) {
            case "notice" -> "deletion-notice";
            case "restricted" -> "restricted";
            default -> "reminder";
        };
        if (!sent(i.id(), mailStep) && !send(a, i, mailStep)) {
            return; // the state changes only once the customer has been told
        }
        if (!target.equals(a.state())) {
            jdbi.useHandle(h -> accounts.setState(h, a.accountId(), target, now, "notice".equals(target)));
        }
    }

    private boolean sent(long invoiceId, String step) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM billing_notices WHERE invoice_id = :i AND "
                + "step = :s").bind("i", invoiceId).bind("s", step).mapTo(Long.class).one() > 0);
    }

    private boolean send(BillingAccount a, Invoice i, String step) {
        try {
            mailer.send(DunningMail.compose(step, a, i, settings, payUrl));
        } catch (MailException e) {
            LOG.warn("billing: {} email to account {} not sent ({}); retrying at the next run", step, a.accountName(),
                    e.getMessage());
            return false;
        }
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO billing_notices (invoice_id, step, sent_at) VALUES (:i, :s, :t) "
                + "ON CONFLICT (invoice_id, step) DO NOTHING").bind("i", i.id()).bind("s", step)
                .bind("t", clock.millis()).execute());
        return true;
    }

    /**
     * The write policy: refuses new writes of a restricted account with a message that says why and how to pay.
     *
     * @throws ServiceException {@code payment-required}
     */
    public void check(long accountId) {
        String state = accounts.state(accountId).orElse("good");
        if (!"restricted".equals(state) && !"notice".equals(state)) {
            return;
        }
        Invoice i = invoices.unpaid().stream().filter(v -> v.accountId() == accountId).findFirst().orElse(null);
        String what = i == null ? "an invoice is overdue"
                : "invoice " + i.number() + " of " + CurrencyUnit.of(i.currency()).format(i.totalMinor())
                        + " has been due since " + Instant.ofEpochMilli(i.dueAt()).toString().substring(0, 10);
        throw new ServiceException(dev.cairn.protocol.ErrorCode.PAYMENT_REQUIRED, "new backups are paused because "
                + what + ". Pay it at " + payUrl + " (or ask the server's administrator); your backups are kept and "
                + "reads, restores and deletes still work");
    }

    /** Accounts whose written deletion notice is older than {@code deletion-days}: for the administrator to decide. */
    public List<BillingAccount> deletionDue() {
        long cutoff = clock.millis() - settings.deletion().toMillis();
        return accounts.list().stream().filter(a -> "notice".equals(a.state()) && a.noticeSentAt() != null
                && a.noticeSentAt() <= cutoff).toList();
    }
}
