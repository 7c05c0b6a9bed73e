package dev.cairn.billing.cli;

import dev.cairn.billing.plan.PricedPlan;
import dev.cairn.server.cli.CommonOptions;
import dev.cairn.server.cli.FeatureCommands;
import dev.cairn.server.error.ServiceException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code cairn server plan retire NAME}: no account moves to it any more; accounts on it keep it and its prices. */
@Command(name = "retire", mixinStandardHelpOptions = true,
        description = "Retire a priced plan: accounts on it keep it, no account can move to it.")
final class PlanRetireCommand implements Callable<Integer> {
    private final FeatureCommands.Session session;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "NAME")
    String name;

    PlanRetireCommand(FeatureCommands.Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        return BillingCommands.run(session, common, m -> {
            PricedPlan p = m.plans().find(name).orElseThrow(() -> ServiceException.notFound("plan '" + name
                    + "' has no prices; see 'cairn server plan prices'"));
            PricedPlan retired = new PricedPlan(p.name(), p.monthlyFeeMinor(), p.includedStorageBytes(),
                    p.includedEgressBytes(), p.storagePriceMicros(), p.egressPriceMicros(), p.trialDays(),
                    m.clock().millis());
            m.plans().put(retired, null, m.clock().millis());
            m.audit().record(BillingCommands.actor(), "plan retire", name, BillingCommands.JSON.valueToTree(p).toString(),
                    BillingCommands.JSON.valueToTree(retired).toString());
            session.out().println("plan " + name + ": retired");
        });
    }
}
