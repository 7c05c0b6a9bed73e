package dev.cairn.billing.cli;

import dev.cairn.billing.money.CurrencyUnit;
import dev.cairn.billing.plan.PricedPlan;
import dev.cairn.server.Units;
import dev.cairn.server.cli.CommonOptions;
import dev.cairn.server.cli.FeatureCommands;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn server plan add NAME --included-storage SIZE --storage-price AMOUNT --egress-price AMOUNT ...}. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Create or change a plan with prices (amounts in the billing currency, see 'cairn server billing set currency').")
final class PlanAddCommand implements Callable<Integer> {
    private final FeatureCommands.Session session;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--included-storage", paramLabel = "SIZE", defaultValue = "0",
            description = "Storage included in the plan, e.g. 100GB (GB = 10^9 bytes; GiB also accepted).")
    String includedStorage;

    @Option(names = "--storage-price", paramLabel = "AMOUNT", defaultValue = "0",
            description = "Price per GB-month above the included storage, e.g. 0.005 (or 0.005/GB-month).")
    String storagePrice;

    @Option(names = "--included-egress", paramLabel = "SIZE", defaultValue = "0",
            description = "Egress (downloads) included per month.")
    String includedEgress;

    @Option(names = "--egress-price", paramLabel = "AMOUNT", defaultValue = "0",
            description = "Price per GB of egress above the included egress, e.g. 0.01 (or 0.01/GB).")
    String egressPrice;

    @Option(names = "--monthly-fee", paramLabel = "AMOUNT", defaultValue = "0", description = "Fixed fee per month.")
    String monthlyFee;

    @Option(names = "--trial-days", paramLabel = "DAYS", defaultValue = "0",
            description = "Free days from an account's creation.")
    int trialDays;

    @Option(names = "--quota", paramLabel = "SIZE", description = "The plan's quota (default: unchanged; new plans unlimited).")
    String quota;

    PlanAddCommand(FeatureCommands.Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        long storageMicros = CurrencyUnit.parseMicros(strip(storagePrice, "/GB-month"));
        long egressMicros = CurrencyUnit.parseMicros(strip(egressPrice, "/GB"));
        long inclStorage = size(includedStorage);
        long inclEgress = size(includedEgress);
        Long quotaBytes = quota == null ? null : Units.size(quota);
        return BillingCommands.run(session, common, m -> {
            var currency = m.settings().currency();
            PricedPlan p = new PricedPlan(name, currency.parseMinor(monthlyFee), inclStorage, inclEgress, storageMicros,
                    egressMicros, trialDays, null);
            var before = m.plans().put(p, quotaBytes, m.clock().millis());
            m.audit().record(BillingCommands.actor(), before.isPresent() ? "plan change" : "plan add", name,
                    before.map(b -> BillingCommands.JSON.valueToTree(b).toString()).orElse(null),
                    BillingCommands.JSON.valueToTree(p).toString());
            session.out().println("plan " + name + ": " + PlanPricesCommand.describe(p, currency));
        });
    }

    private static String strip(String amount, String unit) {
        String a = amount.trim();
        return a.regionMatches(true, Math.max(0, a.length() - unit.length()), unit, 0, unit.length())
                ? a.substring(0, a.length() - unit.length()) : a;
    }

    private static long size(String text) {
        Long n = Units.size(text);
        if (n == null) {
            throw new IllegalArgumentException("an included size must be a size such as 100GB, not '" + text + "'");
        }
        return n;
    }
}
