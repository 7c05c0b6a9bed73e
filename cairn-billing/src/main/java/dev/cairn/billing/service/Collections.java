package dev.cairn.billing.service;

import dev.cairn.billing.invoice.Invoice;
import dev.cairn.billing.invoice.InvoiceStore;
import dev.cairn.billing.pay.BillingAccount;
import dev.cairn.billing.pay.BillingAccounts;
import dev.cairn.billing.pay.PaymentGateway;
import java.time.InstantSource;
import org.jdbi.v3.core.Jdbi;

/**
 * Collects unpaid invoices: from a prepaid balance that now covers them, else through the payment gateway for an
 * account with a payment method (one attempt per run; the idempotency key is the invoice number, so a retry never
 * charges twice). Every attempt is recorded in {@code billing_payments}. Thread-safe.
 */
public final class Collections {
    private final Jdbi jdbi;
    private final InstantSource clock;
    private final InvoiceStore invoices;
    private final BillingAccounts accounts;
    private final PaymentGateway gateway;

    public Collections(Jdbi jdbi, InstantSource clock, InvoiceStore invoices, BillingAccounts accounts,
            PaymentGateway gateway) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.invoices = invoices;
        this.accounts = accounts;
        this.gateway = gateway;
    }

    /** Tries every unpaid invoice once; returns how many were paid. */
    public int run() {
        int paid = 0;
        for (Invoice i : invoices.unpaid()) {
            if (collect(i)) {
                paid++;
            }
        }
        return paid;
    }

    /** Tries to collect one invoice; true if it is paid now. */
    public boolean collect(Invoice i) {
        long owed = jdbi.withHandle(h -> i.totalMinor() + invoices.corrections(h, i.id()));
        BillingAccount a = accounts.get(i.accountId());
        long now = clock.millis();
        if (owed <= 0 || (a.prepaid() && a.balanceMinor() >= owed)) {
            jdbi.useTransaction(h -> {
                if (owed > 0) {
                    BillingAccounts.addBalance(h, i.accountId(), -owed);
                    record(h, i, owed, "balance", "prepaid balance", "succeeded", null, now);
                }
                InvoiceStore.markPaid(h, i.id(), now);
            });
            return true;
        }
        if (a.paymentMethod() == null) {
            return false;
        }
        PaymentGateway.Charge c = gateway.charge(a.paymentMethod(), owed, i.currency(), i.number());
        jdbi.useTransaction(h -> {
            record(h, i, owed, gateway.name(), c.reference(), c.succeeded() ? "succeeded" : "failed", c.message(), now);
            if (c.succeeded()) {
                InvoiceStore.markPaid(h, i.id(), now);
            }
        });
        return c.succeeded();
    }

    /** Adds to a prepaid balance (a top-up taken outside or through the gateway), then collects what it covers. */
    public void topUp(long accountId, long amountMinor, String reference) {
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("a top-up must be positive");
        }
        jdbi.useTransaction(h -> {
            BillingAccounts.addBalance(h, accountId, amountMinor);
            h.createUpdate("INSERT INTO billing_payments (account_id, amount_minor, gateway, reference, status, at) "
                    + "VALUES (:a, :m, 'top-up', :r, 'succeeded', :t)").bind("a", accountId).bind("m", amountMinor)
                    .bind("r", reference).bind("t", clock.millis()).execute();
        });
        for (Invoice i : invoices.unpaid()) {
            if (i.accountId() == accountId) {
                collect(i);
            }
        }
    }

    private static void record(org.jdbi.v3.core.Handle h, Invoice i, long amount, String gateway, String ref,
            String status, String message, long now) {
        h.createUpdate("INSERT INTO billing_payments (account_id, invoice_id, amount_minor, gateway, reference, status, "
                + "message, at) VALUES (:a, :i, :m, :g, :r, :s, :msg, :t)").bind("a", i.accountId()).bind("i", i.id())
                .bind("m", amount).bind("g", gateway).bind("r", ref).bind("s", status).bind("msg", message)
                .bind("t", now).execute();
    }
}
