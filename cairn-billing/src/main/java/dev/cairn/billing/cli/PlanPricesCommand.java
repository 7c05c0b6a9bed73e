package dev.cairn.billing.cli;

import dev.cairn.billing.money.CurrencyUnit;
import dev.cairn.billing.plan.PricedPlan;
import dev.cairn.server.cli.CommonOptions;
import dev.cairn.server.cli.FeatureCommands;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cairn server plan prices [--json]}: every plan with its prices. */
@Command(name = "prices", mixinStandardHelpOptions = true, description = "List the plans with their prices.")
final class PlanPricesCommand implements Callable<Integer> {
    private final FeatureCommands.Session session;

    @Mixin
    CommonOptions common;

    @Option(names = "--json", description = "Print JSON (prices in micros of the major unit, fees in minor units).")
    boolean json;

    PlanPricesCommand(FeatureCommands.Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        return BillingCommands.run(session, common, m -> {
            if (json) {
                BillingCommands.json(session, m.plans().list());
                return;
            }
            for (PricedPlan p : m.plans().list()) {
                session.out().println(p.name() + ": " + describe(p, m.settings().currency()));
            }
        });
    }

    static String describe(PricedPlan p, CurrencyUnit c) {
        return "fee " + c.format(p.monthlyFeeMinor()) + "/month, " + p.includedStorageBytes() + " bytes included, "
                + CurrencyUnit.plainMicros(p.storagePriceMicros()) + " " + c.code() + "/GB-month above; "
                + p.includedEgressBytes() + " bytes egress included, " + CurrencyUnit.plainMicros(p.egressPriceMicros())
                + " " + c.code() + "/GB above" + (p.trialDays() > 0 ? "; trial " + p.trialDays() + " days" : "")
                + (p.retiredAt() != null ? "; retired" : "");
    }
}
