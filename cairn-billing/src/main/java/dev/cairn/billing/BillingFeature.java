package dev.cairn.billing;

import dev.cairn.billing.cli.BillingCommands;
import dev.cairn.billing.http.BillingApi;
import dev.cairn.billing.pay.PaymentGateway;
import dev.cairn.billing.pay.SandboxGateway;
import dev.cairn.billing.service.BillingModule;
import dev.cairn.billing.web.BillingPages;
import dev.cairn.server.cli.FeatureCommands;
import dev.cairn.server.feature.Feature;
import dev.cairn.server.feature.Platform;
import dev.cairn.server.http.Route;
import dev.cairn.server.web.NavLink;
import dev.cairn.server.web.WebKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Metered billing as a feature of the platform (issue 20, ADR 36): its migrations ({@code db/billing}, versions
 * 600-699), plans with prices, invoices from the platform's usage journal, payments through a {@link PaymentGateway}
 * (the sandbox unless the composition root gives another), dunning with a write policy on the quota ledger, the
 * customer's and the administrator's billing pages, the {@code /api/v1/account/invoices} API, and the
 * {@code cairn server plan add|invoices|billing} commands.
 */
public final class BillingFeature implements Feature, FeatureCommands {
    public static final String MIGRATIONS = "classpath:db/billing";
    private final PaymentGateway gateway;

    public BillingFeature() {
        this(new SandboxGateway());
    }

    public BillingFeature(PaymentGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * The feature with the gateway the operator configured: Stripe when {@code CAIRN_STRIPE_SECRET_KEY} is set (an
     * {@code sk_…} or restricted {@code rk_…} key), else the sandbox.
     */
    public static BillingFeature fromEnvironment(java.util.Map<String, String> env) {
        String key = env.get("CAIRN_STRIPE_SECRET_KEY");
        if (key == null || key.isBlank()) {
            return new BillingFeature();
        }
        return new BillingFeature(new dev.cairn.billing.pay.StripeGateway(dev.cairn.billing.pay.StripeGateway.API,
                key.strip()));
    }

    @Override
    public String name() {
        return "billing";
    }

    @Override
    public List<String> migrationLocations() {
        return List.of(MIGRATIONS);
    }

    @Override
    public Running start(Platform platform) {
        return new Started(BillingModule.create(platform, gateway));
    }

    @Override
    public List<Subcommand> commands(Session session) {
        return BillingCommands.all(session);
    }

    /** A started billing feature; {@link #module()} gives its services (for tests and commands). */
    public record Started(BillingModule module) implements Running {
        @Override
        public List<Route> routes(WebKit web) {
            List<Route> routes = new ArrayList<>(BillingApi.routes(module));
            routes.addAll(BillingPages.routes(web, module));
            return List.copyOf(routes);
        }

        @Override
        public List<NavLink> navigation() {
            return List.of(BillingPages.NAV, BillingPages.ADMIN_NAV);
        }

        @Override
        public List<Job> jobs() {
            return List.of(new Job("billing month", Duration.ofMinutes(30), module::monthly),
                    new Job("billing dunning", Duration.ofHours(1), module.dunning()::run));
        }

        @Override
        public void accountPurged(long accountId) {
            module.purge(accountId);
        }
    }
}
