package dev.cairn.billing.cli;

import dev.cairn.billing.audit.AuditLog;
import dev.cairn.billing.money.CurrencyUnit;
import dev.cairn.billing.pay.BillingAccount;
import dev.cairn.server.cli.CommonOptions;
import dev.cairn.server.cli.FeatureCommands;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn server billing set|accounts|account|top-up|credit|dunning|audit}. */
@Command(name = "billing", mixinStandardHelpOptions = true,
        description = "Billing settings, accounts' billing, payments, dunning and the audit log.")
final class BillingCommand {
    private final FeatureCommands.Session session;

    BillingCommand(FeatureCommands.Session session) {
        this.session = session;
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set currency, zone, due-days, grace-days, notice-days or deletion-days.")
    int set(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "VALUE") String value,
            @Mixin CommonOptions local) throws IOException {
        return BillingCommands.run(session, local, m -> {
            String before = m.settings().set(name, value);
            m.audit().record(BillingCommands.actor(), "setting", name, before, value);
            session.out().println(name + ": " + value + " (was " + before + ")");
        });
    }

    @Command(name = "accounts", mixinStandardHelpOptions = true,
            description = "Accounts with plan, stored bytes, balance and dunning state.")
    int accounts(@Option(names = "--json") boolean json, @Mixin CommonOptions local) throws IOException {
        return BillingCommands.run(session, local, m -> {
            var all = m.accounts().list();
            if (json) {
                BillingCommands.json(session, Map.of("accounts", all));
                return;
            }
            CurrencyUnit c = m.settings().currency();
            session.out().printf("%-24s %-12s %16s %14s %-9s %-10s%n", "ACCOUNT", "PLAN", "STORED", "BALANCE", "MODE",
                    "STATE");
            for (BillingAccount a : all) {
                session.out().printf("%-24s %-12s %16d %14s %-9s %-10s%n", a.accountName(), a.plan(), a.storedBytes(),
                        c.format(a.balanceMinor()), a.mode(), a.state());
            }
        });
    }

    @Command(name = "account", mixinStandardHelpOptions = true,
            description = "Change an account's billing: --mode prepaid|postpaid, --tax-rate PERCENT, --payment-method REF.")
    int account(@Parameters(paramLabel = "ACCOUNT") String name, @Option(names = "--mode") String mode,
            @Option(names = "--tax-rate", paramLabel = "PERCENT") String taxRate,
            @Option(names = "--payment-method", paramLabel = "REF") String method, @Mixin CommonOptions local)
            throws IOException {
        return BillingCommands.run(session, local, m -> {
            BillingAccount before = m.accounts().byName(name);
            if (mode != null) {
                m.accounts().setMode(before.accountId(), mode);
            }
            if (taxRate != null) {
                m.accounts().setTaxRate(before.accountId(), basisPoints(taxRate));
            }
            if (method != null) {
                m.accounts().setPaymentMethod(before.accountId(), method.isBlank() ? null : method);
            }
            BillingAccount after = m.accounts().get(before.accountId());
            m.audit().record(BillingCommands.actor(), "account billing", name,
                    BillingCommands.JSON.valueToTree(before).toString(), BillingCommands.JSON.valueToTree(after).toString());
            session.out().println(name + ": " + after.mode() + ", tax " + BigDecimal.valueOf(after.taxRateBp(), 2)
                    .stripTrailingZeros().toPlainString() + " %, payment method "
                    + (after.paymentMethod() == null ? "none" : after.paymentMethod()));
        });
    }

    @Command(name = "top-up", mixinStandardHelpOptions = true, description = "Add to a prepaid balance (a payment received).")
    int topUp(@Parameters(paramLabel = "ACCOUNT") String name, @Parameters(paramLabel = "AMOUNT") String amount,
            @Option(names = "--reference", defaultValue = "manual") String reference, @Mixin CommonOptions local)
            throws IOException {
        return BillingCommands.run(session, local, m -> {
            BillingAccount a = m.accounts().byName(name);
            long minor = m.settings().currency().parseMinor(amount);
            m.collections().topUp(a.accountId(), minor, reference);
            m.audit().record(BillingCommands.actor(), "top-up", name, Long.toString(a.balanceMinor()),
                    Long.toString(m.accounts().get(a.accountId()).balanceMinor()));
            session.out().println(name + ": balance " + m.settings().currency()
                    .format(m.accounts().get(a.accountId()).balanceMinor()));
        });
    }

    @Command(name = "credit", mixinStandardHelpOptions = true, description = "Grant credit used by the next invoices.")
    int credit(@Parameters(paramLabel = "ACCOUNT") String name, @Parameters(paramLabel = "AMOUNT") String amount,
            @Option(names = "--reason", required = true) String reason, @Mixin CommonOptions local) throws IOException {
        return BillingCommands.run(session, local, m -> {
            BillingAccount a = m.accounts().byName(name);
            m.invoicing().grantCredit(a.accountId(), m.settings().currency().parseMinor(amount), reason,
                    BillingCommands.actor());
            session.out().println(name + ": credit " + m.settings().currency()
                    .format(m.invoicing().availableCredit(a.accountId())) + " available");
        });
    }

    @Command(name = "dunning", mixinStandardHelpOptions = true,
            description = "Collect payments and run the dunning now; list accounts due for deletion.")
    int dunning(@Mixin CommonOptions local) throws IOException {
        return BillingCommands.run(session, local, m -> {
            int paid = m.collections().run();
            m.dunning().run();
            session.out().println(paid + " invoices paid");
            for (BillingAccount a : m.dunning().deletionDue()) {
                session.out().println(a.accountName() + ": deletion notice sent "
                        + Instant.ofEpochMilli(a.noticeSentAt()) + "; delete with 'cairn server account delete "
                        + a.accountName() + "' if it stays unpaid");
            }
        });
    }

    @Command(name = "audit", mixinStandardHelpOptions = true, description = "The audit log of admin actions, newest first.")
    int audit(@Option(names = "--limit", defaultValue = "100") int limit, @Option(names = "--json") boolean json,
            @Mixin CommonOptions local) throws IOException {
        return BillingCommands.run(session, local, m -> {
            var entries = m.audit().recent(limit);
            if (json) {
                BillingCommands.json(session, Map.of("entries", entries));
                return;
            }
            for (AuditLog.Entry e : entries) {
                session.out().println(Instant.ofEpochMilli(e.at()) + " " + e.actor() + " " + e.action() + " "
                        + e.subject() + ": " + e.before() + " -> " + e.after());
            }
        });
    }

    static int basisPoints(String percent) {
        try {
            return new BigDecimal(percent.replace("%", "").trim()).movePointRight(2).intValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("a tax rate is a percentage with at most 2 decimals, e.g. 19 or 7.7");
        }
    }
}
