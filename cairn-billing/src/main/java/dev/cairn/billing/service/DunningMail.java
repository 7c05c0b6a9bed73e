package dev.cairn.billing.service;

import dev.cairn.billing.invoice.Invoice;
import dev.cairn.billing.money.CurrencyUnit;
import dev.cairn.billing.pay.BillingAccount;
import dev.cairn.server.mail.OutgoingMail;
import java.time.Instant;

/** The dunning emails: what is owed, since when, what happens next and when, and where to pay. */
final class DunningMail {
    private DunningMail() {
    }

    static OutgoingMail compose(String step, BillingAccount a, Invoice i, BillingSettings s, String payUrl) {
        String amount = CurrencyUnit.of(i.currency()).format(i.totalMinor());
        String due = day(i.dueAt());
        String paused = day(i.dueAt() + s.grace().toMillis());
        String notice = day(i.dueAt() + s.grace().toMillis() + s.notice().toMillis());
        String head = "Hello " + a.accountName() + ",\n\ninvoice " + i.number() + " of " + amount + " was due on " + due
                + " and is not paid yet.\n\n";
        String body = switch (step) {
            case "reminder" -> head + "Please pay it at " + payUrl + ". If it is still unpaid on " + paused
                    + ", new backups will be paused (your existing backups stay readable and restorable).\n";
            case "restricted" -> head + "New backups are paused from today. Your backups are kept, and reading, "
                    + "restoring and deleting still work. Pay at " + payUrl + " and backups resume at once.\n"
                    + "If it is still unpaid on " + notice + ", we will send a written notice before any data is "
                    + "deleted.\n";
            default -> head + "This is the written notice that your account's data will be deleted no earlier than "
                    + s.deletion().toDays() + " days from today unless the invoice is paid. Pay at " + payUrl
                    + ", or restore what you need now; restores keep working until then.\n";
        };
        String subject = switch (step) {
            case "reminder" -> "Reminder: invoice " + i.number() + " is overdue";
            case "restricted" -> "New backups paused: invoice " + i.number() + " is unpaid";
            default -> "Notice of deletion: invoice " + i.number() + " is unpaid";
        };
        return new OutgoingMail(a.email(), subject, body);
    }

    private static String day(long millis) {
        return Instant.ofEpochMilli(millis).toString().substring(0, 10);
    }
}
