package dev.cairn.billing.service;

import dev.cairn.billing.audit.AuditLog;
import dev.cairn.billing.invoice.InvoiceStore;
import dev.cairn.billing.pay.BillingAccounts;
import dev.cairn.billing.pay.PaymentGateway;
import dev.cairn.billing.plan.PlanCatalog;
import dev.cairn.billing.usage.UsageReader;
import dev.cairn.server.feature.Platform;
import java.time.InstantSource;
import org.jdbi.v3.core.Jdbi;

/** The billing feature's services, built on the platform's database, clock and mailer. Thread-safe. */
public record BillingModule(Jdbi jdbi, InstantSource clock, BillingSettings settings, PlanCatalog plans,
        BillingAccounts accounts, InvoiceStore invoices, AuditLog audit, Invoicing invoicing, Collections collections,
        Dunning dunning, UsageReader usage) {

    /** How long after a month's end the job waits before invoicing it (the usage meter flushes within a minute). */
    public static final java.time.Duration SETTLE = java.time.Duration.ofHours(1);

    /** Builds the services and registers the dunning's write policy with the platform's quota ledger. */
    public static BillingModule create(Platform platform, PaymentGateway gateway) {
        Jdbi jdbi = platform.database().jdbi();
        InstantSource clock = platform.clock();
        BillingSettings settings = new BillingSettings(jdbi);
        PlanCatalog plans = new PlanCatalog(jdbi);
        BillingAccounts accounts = new BillingAccounts(jdbi);
        InvoiceStore invoices = new InvoiceStore(jdbi);
        AuditLog audit = new AuditLog(jdbi, clock);
        Invoicing invoicing = new Invoicing(jdbi, clock, settings, plans, accounts, invoices, audit);
        Collections collections = new Collections(jdbi, clock, invoices, accounts, gateway);
        Dunning dunning = new Dunning(jdbi, clock, settings, invoices, accounts, platform.mailer(), platform.publicUrl());
        platform.quota().addWritePolicy(dunning::check);
        return new BillingModule(jdbi, clock, settings, plans, accounts, invoices, audit, invoicing, collections,
                dunning, new UsageReader(jdbi));
    }

    /**
     * The monthly run: issues last month's invoices once it has ended (idempotent), then collects. Run often; it does
     * nothing when all is issued and paid.
     */
    public void monthly() {
        var last = dev.cairn.billing.usage.BillingMonth.containing(clock.instant(), settings.zone()).previous();
        if (clock.millis() >= last.endMillis() + SETTLE.toMillis()) { // the meters' last counts are flushed by then
            invoicing.issue(last, "billing job");
        }
        collections.run();
    }

    /** Deletes the billing data of a purged account (the platform deletes the account row next). */
    public void purge(long accountId) {
        jdbi.useTransaction(h -> {
            for (String sql : java.util.List.of(
                    "DELETE FROM billing_notices WHERE invoice_id IN (SELECT id FROM billing_invoices WHERE account_id = :a)",
                    "DELETE FROM billing_invoice_lines WHERE invoice_id IN (SELECT id FROM billing_invoices WHERE account_id = :a)",
                    "DELETE FROM billing_payments WHERE account_id = :a", "DELETE FROM billing_credits WHERE account_id = :a",
                    "DELETE FROM billing_invoices WHERE account_id = :a AND corrects_id IS NOT NULL",
                    "DELETE FROM billing_invoices WHERE account_id = :a", "DELETE FROM billing_accounts WHERE account_id = :a")) {
                h.createUpdate(sql).bind("a", accountId).execute();
            }
        });
    }
}
