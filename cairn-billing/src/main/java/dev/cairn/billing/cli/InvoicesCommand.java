package dev.cairn.billing.cli;

import dev.cairn.billing.invoice.Invoice;
import dev.cairn.billing.invoice.InvoiceCsv;
import dev.cairn.billing.invoice.InvoicePdf;
import dev.cairn.billing.invoice.InvoiceView;
import dev.cairn.billing.invoice.Line;
import dev.cairn.billing.money.CurrencyUnit;
import dev.cairn.billing.usage.BillingMonth;
import dev.cairn.server.cli.CommonOptions;
import dev.cairn.server.cli.FeatureCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn server invoices issue|list|preview|show|credit|pdf|csv}. */
@Command(name = "invoices", mixinStandardHelpOptions = true, description = "Issue, list and show invoices; credit notes.")
final class InvoicesCommand {
    private final FeatureCommands.Session session;

    InvoicesCommand(FeatureCommands.Session session) {
        this.session = session;
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Issue the invoices of a month that has ended (once per account; safe to repeat).")
    int issue(@Option(names = "--month", required = true, paramLabel = "YYYY-MM") String month,
            @Option(names = "--json") boolean json, @Mixin CommonOptions local) throws IOException {
        return BillingCommands.run(session, local, m -> {
            List<Invoice> issued = m.invoicing().issue(BillingMonth.parse(month, m.settings().zone()),
                    BillingCommands.actor());
            if (json) {
                BillingCommands.json(session, Map.of("issued", issued.stream().map(InvoiceView::of).toList()));
            } else {
                issued.forEach(this::printHead);
                session.out().println(issued.size() + " invoices issued for " + month);
            }
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List invoices and credit notes, newest first.")
    int list(@Option(names = "--account", paramLabel = "NAME") String account, @Option(names = "--json") boolean json,
            @Mixin CommonOptions local) throws IOException {
        return BillingCommands.run(session, local, m -> {
            Long id = account == null ? null : m.accounts().byName(account).accountId();
            List<Invoice> all = m.invoices().list(id);
            if (json) {
                BillingCommands.json(session, Map.of("invoices", all.stream().map(InvoiceView::of).toList()));
            } else {
                all.forEach(this::printHead);
            }
        });
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "The month so far for an account: line items and total (and the month's forecast).")
    int preview(@Parameters(paramLabel = "ACCOUNT") String account, @Option(names = "--json") boolean json,
            @Mixin CommonOptions local) throws IOException {
        return BillingCommands.run(session, local, m -> {
            long id = m.accounts().byName(account).accountId();
            var sofar = InvoiceView.of(m.invoicing().preview(id), account, "preview");
            var forecast = InvoiceView.of(m.invoicing().forecast(id), account, "forecast");
            if (json) {
                BillingCommands.json(session, Map.of("preview", sofar, "forecast", forecast));
            } else {
                printLines(sofar.lines(), sofar.currency());
                session.out().println("month so far: " + CurrencyUnit.of(sofar.currency()).format(sofar.totalMinor())
                        + "; forecast for the month: " + CurrencyUnit.of(forecast.currency()).format(forecast.totalMinor()));
            }
        });
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one invoice or credit note.")
    int show(@Parameters(paramLabel = "NUMBER") String number, @Option(names = "--json") boolean json,
            @Mixin CommonOptions local) throws IOException {
        return BillingCommands.run(session, local, m -> {
            Invoice i = m.invoices().byNumber(number);
            if (json) {
                BillingCommands.json(session, InvoiceView.of(i));
            } else {
                printHead(i);
                printLines(i.lines(), i.currency());
            }
        });
    }

    @Command(name = "credit", mixinStandardHelpOptions = true,
            description = "Issue a credit note against an invoice (invoices never change once issued).")
    int credit(@Parameters(paramLabel = "NUMBER") String number,
            @Option(names = "--amount", required = true, paramLabel = "AMOUNT") String amount,
            @Option(names = "--reason", required = true) String reason, @Mixin CommonOptions local) throws IOException {
        return BillingCommands.run(session, local, m -> {
            Invoice original = m.invoices().byNumber(number);
            long minor = CurrencyUnit.of(original.currency()).parseMinor(amount);
            printHead(m.invoicing().creditNote(number, minor, reason, BillingCommands.actor()));
        });
    }

    @Command(name = "pdf", mixinStandardHelpOptions = true, description = "Write an invoice as PDF.")
    int pdf(@Parameters(paramLabel = "NUMBER") String number,
            @Option(names = "--output", required = true, paramLabel = "FILE") Path output, @Mixin CommonOptions local)
            throws IOException {
        return BillingCommands.run(session, local, m -> Files.write(output, InvoicePdf.render(m.invoices()
                .byNumber(number))));
    }

    @Command(name = "csv", mixinStandardHelpOptions = true, description = "Print an invoice's lines as CSV.")
    int csv(@Parameters(paramLabel = "NUMBER") String number, @Mixin CommonOptions local) throws IOException {
        return BillingCommands.run(session, local, m -> session.out().print(InvoiceCsv.render(m.invoices()
                .byNumber(number))));
    }

    private void printHead(Invoice i) {
        session.out().printf("%-24s %-12s %-16s %-7s %16s  %s%n", i.number(), i.kind(), i.accountName(), i.month(),
                CurrencyUnit.of(i.currency()).format(i.totalMinor()), i.paid() ? "paid" : "open");
    }

    private void printLines(List<Line> lines, String currency) {
        CurrencyUnit c = CurrencyUnit.of(currency);
        for (Line l : lines) {
            session.out().printf("  %-8s %-90s %22s %14s%n", l.kind(), l.description(), l.quantity(),
                    c.format(l.amountMinor()));
        }
    }
}
